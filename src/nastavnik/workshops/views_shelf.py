"""The Master-shelf of a school: book sets, who read what, books earned by a workshop and donated
by it to the library; the two reading quests of a year with tasks and the teams' progress.
The school's management and the librarians of its workshops keep it; readers of the school see it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nastavnik.access.rules import Access, access_for, get_visible_or_404, require, visible_organisations
from nastavnik.orgs.models import Organisation
from nastavnik.workshops.forms import org_people, posted_id, posted_ids
from nastavnik.workshops.forms_more import BookActionForm, BookSetForm, QuestForm
from nastavnik.workshops.models import Book, BookSet, Quest, QuestTask, QuestTeam, Reading, Workshop
from nastavnik.workshops.views import _organisation, chosen_year

READERS_ONLY = "Мастер-полку видят руководство школы и координаторы"
KEEPERS_ONLY = "Мастер-полку ведут руководство школы и библиотекари мастерских"


def can_keep(access: Access, org: Organisation) -> bool:
    if access.can_manage_org(org):
        return True
    librarians = Workshop.objects.filter(organisation=org, librarian_id__isnull=False).values_list(
        "librarian_id", flat=True
    )
    return access.person_id is not None and access.person_id in set(librarians)


def _book_action(request: HttpRequest, org: Organisation, action: str) -> str:
    form = BookActionForm(request.POST, organisation=org)
    if not form.is_valid():
        return "Укажите дату и выберите читателя или мастерскую из списка."
    data = form.cleaned_data
    book = get_visible_or_404(Book.objects.filter(book_set__organisation=org), pk=data["book"])
    if action == "read":
        if data["person"] is None:
            return "Выберите читателя."
        Reading.objects.get_or_create(book=book, person=data["person"], defaults={"read_on": data["day"]})
    elif action == "award":
        if data["workshop"] is None:
            return "Выберите мастерскую, которая заработала книгу."
        book.awarded_to, book.awarded_on = data["workshop"], data["day"]
        book.save(update_fields=["awarded_to", "awarded_on"])
    else:
        if book.awarded_to_id is None:
            return f"Книгу «{book.title}» ещё не заработала ни одна мастерская: дарить её некому."
        # The stamp of the project names the donating workshop: the one that earned the book.
        book.donated_by_id, book.donated_on = book.awarded_to_id, data["day"]
        book.save(update_fields=["donated_by", "donated_on"])
    return ""


def _post(request: HttpRequest, org: Organisation) -> str:
    action = request.POST.get("action", "")
    if action in {"read", "award", "donate"}:
        return _book_action(request, org, action)
    if action == "quest":
        form = QuestForm(request.POST)
        if not form.is_valid():
            return "Квест не создан: " + "; ".join(str(e) for errors in form.errors.values() for e in errors)
        quest = form.save(commit=False)
        quest.organisation, quest.academic_year = org, chosen_year(request)
        try:
            with transaction.atomic():
                quest.save()
        except IntegrityError:
            return f"{quest.get_season_display()} в этом учебном году уже есть: квестов два в год."
        return ""
    form_set = BookSetForm(request.POST)
    if not form_set.is_valid():
        return "Набор не записан: " + "; ".join(str(e) for errors in form_set.errors.values() for e in errors)
    data = form_set.cleaned_data
    with transaction.atomic():
        book_set = BookSet.objects.create(
            organisation=org, academic_year=chosen_year(request), title=data["title"], received_on=data["received_on"]
        )
        Book.objects.bulk_create([Book(book_set=book_set, author=a, title=t) for a, t in data["books"]])
    return ""


@login_required
def shelf(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    access = access_for(request.user)
    keeper = can_keep(access, org)
    require(access.can_read_org(org) or keeper, READERS_ONLY)
    if request.method == "POST":
        require(keeper, KEEPERS_ONLY)
        error = _post(request, org)
        (messages.error if error else messages.success)(request, error or "Сохранено.")
        return redirect("workshops:shelf", org_pk=org.pk)
    year = chosen_year(request)
    sets = BookSet.objects.filter(organisation=org).prefetch_related("books__readings__person")
    books = Book.objects.filter(book_set__organisation=org)
    context = {
        "organisation": org,
        "year": year,
        "sets": sets.select_related("academic_year"),
        "donated": books.filter(donated_by__isnull=False).count(),
        "readings": Reading.objects.filter(book__book_set__organisation=org).count(),
        "quests": Quest.objects.filter(organisation=org, academic_year=year).prefetch_related("tasks", "teams__done"),
        "can_keep": keeper,
        "set_form": BookSetForm(),
        "quest_form": QuestForm(),
        "people": org_people(org),
        "workshops": Workshop.objects.filter(organisation=org),
    }
    return render(request, "workshops/shelf.html", context)


def _add_team(request: HttpRequest, item: Quest, title: str) -> None:
    chosen = request.POST.get("keeper", "").strip()
    keeper_person = org_people(item.organisation).filter(pk=posted_id(chosen)).first()
    if chosen and keeper_person is None:
        messages.error(request, "Выберите хранителя команды из людей школы.")
        return
    QuestTeam.objects.get_or_create(quest=item, name=title[:100], defaults={"keeper": keeper_person})


@login_required
def quest(request: HttpRequest, pk: int) -> HttpResponse:
    qs = Quest.objects.filter(organisation__in=visible_organisations(request.user)).select_related("organisation")
    item = get_visible_or_404(qs, pk=pk)
    access = access_for(request.user)
    keeper = can_keep(access, item.organisation)
    require(access.can_read_org(item.organisation) or keeper, READERS_ONLY)
    if request.method == "POST":
        require(keeper, KEEPERS_ONLY)
        action = request.POST.get("action")
        title = request.POST.get("title", "").strip()[:300]
        if action == "task" and title:
            QuestTask.objects.create(quest=item, title=title)
        elif action == "team" and title:
            _add_team(request, item, title)
        elif action == "done":
            team = get_visible_or_404(item.teams.all(), pk=posted_id(request.POST.get("team")))
            team.done.set(item.tasks.filter(pk__in=posted_ids(request.POST.getlist("tasks"))))
        else:
            messages.error(request, "Укажите название.")
        return redirect("workshops:quest", pk=item.pk)
    tasks = list(item.tasks.all())
    teams = [(team, {t.pk for t in team.done.all()}) for team in item.teams.select_related("keeper")]
    context = {
        "quest": item,
        "tasks": tasks,
        "teams": [(team, done, len(done)) for team, done in teams],
        "can_keep": keeper,
        "people": org_people(item.organisation),
    }
    return render(request, "workshops/quest.html", context)
