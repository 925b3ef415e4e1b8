"""«Мои уведомления»: the topics of source 000 (§8 item 9) a person wants e-mail reminders about.

The choice is kept by the reminders app (`reminders.topics`), below every composer, so that any
reminder that names a topic is filtered by `send_once` without importing this app."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nastavnik.access.rules import access_for
from nastavnik.people.models import Person
from nastavnik.reminders import topics
from nastavnik.workshops import catalogue
from nastavnik.workshops.forms_more import TopicsForm, topic_choices


def _email(person: Person | None, request: HttpRequest) -> str:
    if person is not None and person.email:
        return person.email
    return str(getattr(request.user, "email", "") or "")


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """A person who never chose gets every topic; saving keeps exactly the ticked ones. A topic that did
    not exist when the person last saved (a school's own workshop joined later) is not followed until ticked."""
    person = Person.objects.filter(pk=access_for(request.user).person_id or 0).first()
    email = _email(person, request)
    chosen = topics.chosen(email) if email else None
    person_id = person.pk if person is not None else None
    every = [code for code, _ in topic_choices(person_id)]
    initial = {"topics": every if chosen is None else chosen}
    form = TopicsForm(request.POST or None, initial=initial, person_id=person_id)
    if request.method == "POST" and email and form.is_valid():
        topics.choose(email, form.cleaned_data["topics"])
        messages.success(request, "Выбор тем сохранён.")
        return redirect("workshops:notifications")
    descriptions = {item["code"]: item["description"] for item in catalogue.read_source()["topics"]}
    context = {"form": form, "email": email, "descriptions": descriptions, "everything": chosen is None}
    return render(request, "workshops/notifications.html", context)
