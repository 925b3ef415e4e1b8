"""Scheme 3: group meetings («Mentor Match») for the curator and for the participants themselves."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from nastavnik.access.rules import require
from nastavnik.bases.models import MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.matching.forms_meetings import PreferenceForm, SpeedMeetingForm
from nastavnik.matching.models import Side, SpeedMeeting
from nastavnik.pairs import meetings
from nastavnik.pairs.views_schemes import programme_form_for_manage
from nastavnik.people.models import Person

# Blank lines to rank on a paper card: the first few choices are what matters for mutual choice.
CARD_LINES = 5


def meeting_for_manage(request: HttpRequest, pk: int) -> SpeedMeeting:
    """The meeting, for the managers of its programme's organisation (404 / 403 as for the form)."""
    meeting = get_object_or_404(SpeedMeeting, pk=pk)
    meeting.programme_form = programme_form_for_manage(request, meeting.programme_form_id)
    return meeting


def _person(request: HttpRequest) -> Person | None:
    return getattr(request.user, "person", None)


# -- the curator's pages ---------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme_form = programme_form_for_manage(request, pk)
    form = SpeedMeetingForm(
        request.POST or None,
        mentors=meetings.mentor_candidates(programme_form),
        mentees=meetings.mentee_candidates(programme_form),
    )
    if request.method == "POST" and form.is_valid():
        meeting = meetings.create_meeting(
            programme_form,
            form.meeting_fields(),
            list(form.cleaned_data["mentors"]),
            list(form.cleaned_data["mentees"]),
            request.user,
        )
        messages.success(request, "Встреча создана. Распечатайте расписание и карточки выбора.")
        return redirect("pairs:meeting", pk=meeting.pk)
    context = {
        "programme_form": programme_form,
        "form": form,
        "meetings": programme_form.group_meetings.annotate(
            n_mentors=Count("mentors", distinct=True), n_mentees=Count("mentees", distinct=True)
        ),
    }
    return render(request, "pairs/meeting_list.html", context, status=400 if form.errors else 200)


def _choice_rows(people: meetings.Participants, side: str, choices: dict[tuple[str, int], Any]) -> list[dict[str, Any]]:
    others = {e.pk: e.person for e in people.other_side(side)}
    rows = []
    for entry in people.side(side):
        found = choices.get((side, entry.pk))
        ranking = [others[i] for i in (found.ranking if found else []) if i in others]
        rows.append({"entry": entry, "preference": found, "ranking": ranking})
    return rows


def _unmatched_rows(meeting: SpeedMeeting) -> list[dict[str, Any]]:
    rows = meeting.run.unmatched() if meeting.run else []
    people = {e.pk: e.person for e in MenteeEntry.objects.filter(pk__in=[r["mentee"] for r in rows])}
    return [{**row, "person": people.get(row["mentee"])} for row in rows]


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manage(request, pk)
    people = meetings.participants(meeting)
    choices = meetings.preferences(meeting)
    context = {
        "meeting": meeting,
        "programme_form": meeting.programme_form,
        "plan": meetings.build_schedule(meeting, people),
        "tables": people.tables,
        "mentor_rows": _choice_rows(people, Side.MENTOR, choices),
        "mentee_rows": _choice_rows(people, Side.MENTEE, choices),
        "proposals": meetings.proposals(meeting),
        "unmatched": _unmatched_rows(meeting),
        "waiting": MenteeStatus.WAITING,
    }
    return render(request, "pairs/meeting_detail.html", context)


@login_required
def meeting_print(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manage(request, pk)
    people = meetings.participants(meeting)
    plan = meetings.build_schedule(meeting, people)
    sides: list[tuple[str, list[Any]]] = [(Side.MENTOR, people.mentors), (Side.MENTEE, people.mentees)]
    cards = [
        {
            "side": side,
            "entry": entry,
            "route": meetings.route(plan, side, entry),
            "lines": range(1, min(len(people.other_side(side)), CARD_LINES) + 1),
        }
        for side, entries in sides
        for entry in entries
    ]
    context = {"meeting": meeting, "plan": plan, "cards": cards, "mentor_side": Side.MENTOR}
    return render(request, "pairs/meeting_print.html", context)


def _options(people: meetings.Participants, side: str) -> list[tuple[int, str]]:
    return [(e.pk, e.person.full_name) for e in people.other_side(side)]


def _preference_page(
    request: HttpRequest, meeting: SpeedMeeting, side: str, entry: MentorEntry | MenteeEntry, *, self_service: bool
) -> HttpResponse | PreferenceForm:
    """Validate and save a posted choice; returns the bound form when it must be shown again."""
    people = meetings.participants(meeting)
    found = meeting.preferences.filter(side=side, participant=entry.pk).first()
    form = PreferenceForm(
        request.POST or None, options=_options(people, side), initial_ranking=found.ranking if found else ()
    )
    if request.method == "POST" and form.is_valid():
        try:
            meetings.save_preference(meeting, side, entry.pk, form.ranking(), request.user)
        except meetings.MeetingError as error:
            form.add_error(None, str(error))
            return form
        messages.success(request, f"Выбор сохранён: {entry.person.full_name}.")
        return redirect("pairs:my_meetings") if self_service else redirect("pairs:meeting", pk=meeting.pk)
    return form


@login_required
def meeting_preference(request: HttpRequest, pk: int, side: str, entry_pk: int) -> HttpResponse:
    meeting = meeting_for_manage(request, pk)
    people = meetings.participants(meeting)
    if side not in Side.values:
        raise Http404("Нет такой стороны")
    entry = next((e for e in people.side(side) if e.pk == entry_pk), None)
    if entry is None:
        raise Http404("Этот человек не участвует во встрече")
    result = _preference_page(request, meeting, side, entry, self_service=False)
    if isinstance(result, HttpResponse):
        return result
    context = {"meeting": meeting, "side": side, "entry": entry, "form": result, "self_service": False}
    return render(request, "pairs/meeting_preference.html", context, status=400 if result.errors else 200)


@login_required
@require_POST
def meeting_compute(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manage(request, pk)
    try:
        run = meetings.compute(meeting, request.user)
        messages.success(request, f"Пары подобраны по взаимному выбору: предложено — {run.summary['matched']}.")
    except meetings.MeetingError as error:
        messages.error(request, str(error))
    return redirect("pairs:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_manage(request, pk)
    confirmed, refused = meetings.confirm_all(meeting, request.user)
    messages.success(request, f"Подтверждено пар: {confirmed}.")
    for text in refused:
        messages.error(request, text)
    return redirect("pairs:meeting", pk=meeting.pk)


# -- the participant's own pages ------------------------------------------------------------


@login_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    rows = []
    for meeting in meetings.meetings_of(person).order_by("-date", "-id"):
        side, entry = meetings.participant_of(meeting, person) or (None, None)
        found = meeting.preferences.filter(side=side, participant=entry.pk).first() if entry else None
        rows.append({"meeting": meeting, "side": side, "entry": entry, "preference": found})
    return render(request, "pairs/meeting_my.html", {"rows": rows, "mentor_side": Side.MENTOR})


@login_required
def my_preferences(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(SpeedMeeting.objects.select_related("programme_form__programme"), pk=pk)
    found = meetings.participant_of(meeting, _person(request))
    if found is None:
        raise Http404("Вы не участвуете в этой встрече")
    side, entry = found
    if request.method == "POST":
        require(meeting.accepts_choices, "Выбор больше не принимается: пары уже подобраны")
    people = meetings.participants(meeting)
    plan = meetings.build_schedule(meeting, people)
    result = _preference_page(request, meeting, side, entry, self_service=True)
    if isinstance(result, HttpResponse):
        return result
    saved = meeting.preferences.filter(side=side, participant=entry.pk).first()
    others = {e.pk: e.person for e in people.other_side(side)}
    context = {
        "meeting": meeting,
        "side": side,
        "entry": entry,
        "form": result,
        "self_service": True,
        "route": meetings.route(plan, side, entry),
        "chosen": [others[i] for i in (saved.ranking if saved else []) if i in others],
        "mentor_side": Side.MENTOR,
    }
    return render(request, "pairs/meeting_preference.html", context, status=400 if result.errors else 200)
