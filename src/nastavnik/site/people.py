"""People: list, card, create/edit, consent and sensitive flags."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nastavnik.access.rules import (
    SENSITIVE_ROLES,
    access_for,
    get_visible_or_404,
    require,
    visible_organisations,
)
from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.common.changes import PEOPLE
from nastavnik.common.paging import paginate
from nastavnik.orgs.models import MANAGING_ROLES, Membership, Organisation, Role
from nastavnik.people import services
from nastavnik.people.filters import PersonFilter
from nastavnik.people.forms import (
    ConsentForm,
    MembershipForm,
    OptionalConsentForm,
    PersonForm,
    RevokeConsentForm,
    SensitiveInfoForm,
)
from nastavnik.people.models import Person, SensitiveInfo, SensitivePlace
from nastavnik.people.scope import visible_people
from nastavnik.site.audit import log_sensitive_read


def _managed_orgs(request: HttpRequest) -> object:
    access = access_for(request.user)
    qs = Organisation.objects.all()
    return qs if access.is_admin else qs.filter(id__in=access.orgs_with(MANAGING_ROLES))


def _person_for_manage(request: HttpRequest, pk: int) -> Person:
    person = get_visible_or_404(visible_people(request.user), pk=pk)
    require(
        access_for(request.user).can_manage_person(person), "Изменять данные может куратор или руководитель организации"
    )
    return person


def _person_for_revoke(request: HttpRequest, pk: int) -> Person:
    # Withdrawing consent stops all processing of the person's data: the curator or the director decides,
    # the working group does not (as the message says).
    person = get_visible_or_404(visible_people(request.user), pk=pk)
    require(_can_revoke(request, person), "Отозвать согласие может только куратор или руководитель организации")
    return person


def _can_revoke(request: HttpRequest, person: Person) -> bool:
    access = access_for(request.user)
    return access.is_admin or bool(access.person_org_ids(person) & access.orgs_with(SENSITIVE_ROLES))


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.is_staff_reader, "Список людей доступен сотрудникам, ведущим наставничество")
    people = visible_people(request.user).select_related("organisation")
    people = people.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.filter(is_active=True).select_related("organisation"))
    )
    filterset = PersonFilter(
        request.GET or None,
        queryset=people,
        organisations=visible_organisations(request.user).order_by("path"),
    )
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else people
    context = {
        "filter": filterset,
        "can_create": access.is_admin or bool(access.orgs_with(MANAGING_ROLES)),
        **paginate(request, qs.order_by("last_name", "first_name", "id"), per_reader_plans=True, count_under=PEOPLE),
    }
    return render(request, "people/list.html", context)


def _entries_of(model: Any, person: Person, request: HttpRequest, child_view: bool) -> QuerySet[Any]:
    entries = model.objects.all() if child_view else model.objects.visible_to(request.user)
    return entries.filter(person=person).select_related("programme__academic_year")


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(visible_people(request.user).select_related("organisation"), pk=pk)
    access = access_for(request.user)
    see_sensitive = access.can_see_sensitive(person)
    # A parent reads the child's participation even though the entries are not in the parent's scope.
    child_view = person.pk in access.child_ids
    context = {
        "person": person,
        "memberships": person.memberships.select_related("organisation", "class_teacher"),
        "consents": person.consents.all(),
        "sensitive": SensitiveInfo.objects.filter(person=person).first() if see_sensitive else None,
        "see_sensitive": see_sensitive,
        "can_manage": access.can_manage_person(person),
        "can_edit_sensitive": access.can_edit_sensitive(person),
        "can_erase": access.is_admin or bool(access.person_org_ids(person) & access.orgs_with({Role.DIRECTOR})),
        "mentor_entries": _entries_of(MentorEntry, person, request, child_view),
        "mentee_entries": _entries_of(MenteeEntry, person, request, child_view).annotate(
            current_mentor=Max(
                "pair_memberships__pair__mentor__person__last_name", filter=Q(pair_memberships__is_current=True)
            )
        ),
        "child_view": child_view,
        "guardians": person.guardian_links.select_related("guardian"),
        "consent_form": ConsentForm(
            person=person, initial={"given_by": "parent" if person.needs_guardian_consent else "self"}
        ),
        "revoke_form": RevokeConsentForm(person=person),
        "can_revoke": _can_revoke(request, person),
    }
    if see_sensitive:
        log_sensitive_read(request.user, person, SensitivePlace.CARD)
    return render(request, "people/detail.html", context)


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    orgs = _managed_orgs(request)
    require(orgs.exists(), "Добавлять людей может куратор или руководитель организации")  # type: ignore[attr-defined]
    data = request.POST or None
    person_form = PersonForm(data)
    membership_form = MembershipForm(data, organisations=orgs)  # type: ignore[arg-type]
    consent_form = OptionalConsentForm(data, prefix="consent")
    if request.method == "POST":
        valid = all([person_form.is_valid(), membership_form.is_valid(), consent_form.is_valid()])
        if valid:
            person_form.check_minimal_fields(consent_form.consent_data() is not None)
        if valid and not person_form.errors:
            membership = membership_form.cleaned_data
            person = services.create_person(
                {k: person_form.cleaned_data[k] for k in PersonForm.Meta.fields},
                membership["organisation"],
                {k: v for k, v in membership.items() if k != "organisation"},
                consent_form.consent_data(),
                request.user,
            )
            messages.success(request, f"{person.full_name} добавлен(а).")
            return redirect("people:detail", pk=person.pk)
    context = {"person_form": person_form, "membership_form": membership_form, "consent_form": consent_form}
    return render(request, "people/create.html", context)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_manage(request, pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.check_minimal_fields(person.has_consent)
        if not form.errors:
            form.save()
            messages.success(request, "Изменения сохранены.")
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/edit.html", {"person": person, "form": form})


@login_required
@require_POST
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_manage(request, pk)
    form = ConsentForm(request.POST, person=person)
    if form.is_valid():
        services.record_consent(person, recorded_by=request.user, **form.cleaned_data)
        messages.success(request, "Согласие на обработку персональных данных внесено.")
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/consent.html", {"person": person, "form": form}, status=400)


@login_required
@require_POST
def consent_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_revoke(request, pk)
    form = RevokeConsentForm(request.POST, person=person)
    if form.is_valid():
        done = services.revoke_consent(form.cleaned_data["consent"], form.cleaned_data["revoked_on"], request.user)
        messages.success(request, "Согласие отозвано." + withdrawal_message(done))
    else:
        messages.error(request, "Не удалось отозвать согласие: проверьте дату и выбранное согласие.")
    return redirect("people:detail", pk=person.pk)


def withdrawal_message(done: dict[str, int]) -> str:
    """What the withdrawal of the last consent did (the receivers' summary), in Russian."""
    if not done:
        return ""
    parts = ["человек выведен из баз, удалены контакты, чувствительные сведения и тексты запросов"]
    if done.get("pairs"):
        parts.append(f"расформировано пар: {done['pairs']}")
    if done.get("links"):
        parts.append("ссылки на календарь и опросы больше не работают")
    return " Обработка персональных данных прекращена: " + "; ".join(parts) + "."


@login_required
def sensitive_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(visible_people(request.user), pk=pk)
    access = access_for(request.user)
    require(
        access.can_edit_sensitive(person),
        "Чувствительные сведения изменяют только куратор и руководитель",
    )
    info = SensitiveInfo.objects.filter(person=person).first() or SensitiveInfo(person=person)
    form = SensitiveInfoForm(request.POST or None, instance=info)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Сведения сохранены.")
        return redirect("people:detail", pk=person.pk)
    log_sensitive_read(request.user, person, SensitivePlace.EDIT)
    return render(request, "people/sensitive.html", {"person": person, "form": form})
