"""Completion of a pair: refusals, results, mentee → mentor, seats, the mentor's part, the card."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry, MentorLevelRule, StatusLevel
from nastavnik.diary import completion
from nastavnik.diary.completion import MenteeResult, PairError
from nastavnik.diary.models import StatusChange, StatusChangeKind
from nastavnik.orgs.models import AcademicYear, Role
from nastavnik.pairs.models import Decision, Outcome, Pair, PairMentee, PairStatus, PairTransition
from nastavnik.programmes.models import MentoringFormat, Programme, ProgrammeFormat
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person
from tests.pairs.matrix_completion import active_pair


def _post(world: World, pair: Pair, role: str = "curator", **data: str) -> object:
    return world.client_for(role).post(reverse("pairs:complete", args=[pair.pk]), data)


def _member(pair: Pair) -> PairMentee:
    return pair.members.get()


def test_a_pair_that_is_not_active_cannot_be_completed(world: World) -> None:
    pair = active_pair(world)
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.FIXED)
    response = world.client_for("curator").post(
        reverse("pairs:complete", args=[pair.pk]), {"decision": "stop"}, follow=True
    )
    assert "Завершить можно только работающую пару; эта — «Закреплена приказом»." in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == PairStatus.FIXED and pair.completed_at is None
    with pytest.raises(PairError):
        completion.complete_pair(pair, None, Decision.STOP, "", [])


def test_without_a_final_meeting_the_reason_is_required_and_nothing_is_saved(world: World) -> None:
    pair = active_pair(world, final=False)
    member = _member(pair)
    response = _post(world, pair, decision="stop", **{f"m{member.pk}-result_note": "Подтянула математику"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Нет итоговой встречи в дневнике" in response.content.decode()  # type: ignore[attr-defined]
    pair.refresh_from_db()
    member.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE
    assert member.result_note == ""  # one transaction: the refused completion stored nothing


def test_the_curator_may_complete_without_a_final_meeting_giving_a_reason(world: World) -> None:
    pair = active_pair(world, final=False)
    response = _post(world, pair, decision="stop", override_reason="Наставляемая переехала в другой город")
    assert response.status_code == 302  # type: ignore[attr-defined]
    pair.refresh_from_db()
    assert pair.status == PairStatus.COMPLETED
    assert pair.completion_override == "Наставляемая переехала в другой город"
    last = PairTransition.objects.filter(pair=pair).last()
    assert last is not None and "без итоговой встречи" in last.reason


@pytest.mark.parametrize("decision", ["", "maybe"])
def test_a_decision_is_required(world: World, decision: str) -> None:
    pair = active_pair(world)
    response = _post(world, pair, decision=decision)
    assert "Выберите решение по итогам" in response.content.decode()  # type: ignore[attr-defined]
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE
    with pytest.raises(PairError, match="Выберите решение"):
        completion.complete_pair(pair, None, decision, "", [])


def test_outcomes_note_and_satisfaction_are_stored_and_seats_freed(world: World) -> None:
    pair = active_pair(world)
    member = _member(pair)
    assert MentorEntry.objects.get(pk=world.mentor_entry.pk).load == 1
    response = _post(
        world,
        pair,
        decision="continue",
        **{
            f"m{member.pk}-outcomes": [Outcome.GRADES_IMPROVED, Outcome.REQUEST_MET],  # type: ignore[dict-item]
            f"m{member.pk}-result_note": "Четверть без троек",
            f"m{member.pk}-satisfaction": "5",
        },
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    pair.refresh_from_db()
    member.refresh_from_db()
    assert (pair.status, pair.decision) == (PairStatus.COMPLETED, Decision.CONTINUE)
    assert pair.completion_override == ""
    # Stored in the order of the form, «запрос решён» first.
    assert member.outcomes == [Outcome.REQUEST_MET, Outcome.GRADES_IMPROVED]
    assert (member.result_note, member.satisfaction, member.is_current) == ("Четверть без троек", 5, False)
    assert MentorEntry.objects.get(pk=world.mentor_entry.pk).load == 0
    assert MenteeEntry.objects.get(pk=world.mentee_entry.pk).status == MenteeStatus.COMPLETED


def test_an_outcome_of_another_form_is_refused(world: World) -> None:
    pair = active_pair(world)  # ученик–ученик: 3.5–3.7
    member = _member(pair)
    response = _post(world, pair, decision="stop", **{f"m{member.pk}-outcomes": Outcome.PERSONNEL_RESERVE})
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Выберите корректный вариант" in response.content.decode()  # type: ignore[attr-defined]
    with pytest.raises(PairError, match="не относится к форме"):
        completion.save_results(pair, [MenteeResult(member.pk, outcomes=[Outcome.PERSONNEL_RESERVE])])


@pytest.mark.parametrize(
    ("form_code", "expected"),
    [
        ("teacher_teacher", ["request_met", "personnel_reserve", "project_lead", "skills_competition"]),
        ("student_student", ["request_met", "grades_improved", "olympiad"]),
        ("teacher_student", ["request_met", "grades_improved", "olympiad"]),
        ("employer_college_student", ["request_met", "grades_improved", "olympiad"]),
        ("team_team", ["request_met", "team_mentor"]),
    ],
)
def test_outcomes_shown_are_those_of_the_form(world: World, form_code: str, expected: list[str]) -> None:
    pair = active_pair(world)
    form = ProgrammeFormat.objects.create(programme=world.programme, form=MentoringFormat.objects.get(code=form_code))
    pair.programme_form = form
    assert [code for code, _ in completion.outcome_choices(pair)] == expected


def test_the_mentee_who_became_a_mentor_is_recorded_with_an_application(world: World) -> None:
    pair = active_pair(world)
    member = _member(pair)
    response = _post(world, pair, decision="stop", **{f"m{member.pk}-became_mentor": "on"})
    assert response.status_code == 302  # type: ignore[attr-defined]
    change = StatusChange.objects.get(kind=StatusChangeKind.MENTEE_TO_MENTOR)
    mentee = world.people["mentee"]
    assert (change.person, change.pair_id, change.programme) == (mentee, pair.pk, world.programme)
    entry = MentorEntry.objects.get(person=mentee)
    assert (entry.programme, entry.admission) == (world.programme, Admission.APPLIED)
    assert entry.programme_form == pair.programme_form


def test_a_new_mentor_applies_to_the_next_year_and_an_existing_application_is_reused(world: World) -> None:
    pair = active_pair(world)
    next_year, _ = AcademicYear.objects.get_or_create(start_year=world.programme.academic_year.start_year + 1)
    following = Programme.objects.create(
        organisation=world.school, academic_year=next_year, title="Точка развития", carried_from=world.programme
    )
    existing = MentorEntry.objects.create(person=world.people["mentee"], programme=following, capacity=2)
    member = _member(pair)
    summary = completion.complete_pair(
        pair, world.people["curator"].user, Decision.STOP, "", [MenteeResult(member.pk, became_mentor=True)]
    )
    assert [e.pk for e in summary.new_mentors] == [existing.pk]
    assert MentorEntry.objects.filter(person=world.people["mentee"]).count() == 1
    change = StatusChange.objects.get(kind=StatusChangeKind.MENTEE_TO_MENTOR)
    assert "заявка уже есть" in change.reason and "Точка развития" in change.reason


def test_the_mentor_fills_in_results_but_does_not_complete(world: World) -> None:
    pair = active_pair(world)
    member = _member(pair)
    page = world.client_for("mentor").get(reverse("pairs:complete", args=[pair.pk])).content.decode()
    assert "Решение о завершении пары примет куратор программы." in page
    assert "became_mentor" not in page and 'name="decision"' not in page
    response = _post(
        world,
        pair,
        role="mentor",
        decision="stop",
        **{f"m{member.pk}-outcomes": Outcome.OLYMPIAD, f"m{member.pk}-became_mentor": "on"},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    pair.refresh_from_db()
    member.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE
    assert member.outcomes == [Outcome.OLYMPIAD]
    assert not StatusChange.objects.exists()
    # The curator then finds the results filled in.
    response = world.client_for("curator").get(reverse("pairs:complete", args=[pair.pk]))
    assert response.context["result_forms"][0].initial["outcomes"] == [Outcome.OLYMPIAD]


def test_a_group_is_completed_with_results_per_mentee(world: World) -> None:
    other = make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    pair = active_pair(world, [world.mentee_entry, other])
    first, second = pair.members.order_by("id")
    response = _post(
        world,
        pair,
        decision="stop",
        **{f"m{first.pk}-satisfaction": "4", f"m{second.pk}-satisfaction": "2", f"m{second.pk}-became_mentor": "on"},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert list(pair.members.order_by("id").values_list("satisfaction", flat=True)) == [4, 2]
    assert StatusChange.objects.get(kind=StatusChangeKind.MENTEE_TO_MENTOR).person_id == other.person_id
    assert MentorEntry.objects.get(pk=world.mentor_entry.pk).load == 0


def test_a_bad_satisfaction_is_a_field_error(world: World) -> None:
    pair = active_pair(world)
    member = _member(pair)
    response = _post(world, pair, decision="stop", **{f"m{member.pk}-satisfaction": "9"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Выберите корректный вариант" in response.content.decode()  # type: ignore[attr-defined]


def test_completion_raises_the_mentor_level_by_the_rule(world: World) -> None:
    MentorLevelRule.objects.filter(level=StatusLevel.GOLD).update(
        min_completed_pairs=1, min_average_rating=None, requires_training=False
    )
    pair = active_pair(world)
    response = _post(world, pair, decision="stop")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert MentorEntry.objects.get(pk=world.mentor_entry.pk).status_level == StatusLevel.GOLD
    change = StatusChange.objects.get(kind=StatusChangeKind.MENTOR_LEVEL)
    assert (change.old_value, change.new_value) == (StatusLevel.INITIAL, StatusLevel.GOLD)
    assert change.reason == "Начальный → Золотой: 1 завершённая пара; оценок встреч нет; обучение не пройдено."


def test_the_card_on_the_pair_page_shows_results_and_links(world: World) -> None:
    pair = active_pair(world)
    page = world.client_for("curator").get(reverse("pairs:detail", args=[pair.pk])).content.decode()
    assert reverse("pairs:complete", args=[pair.pk]) in page
    member = _member(pair)
    completion.complete_pair(
        pair,
        None,
        Decision.CONTINUE,
        "",
        [MenteeResult(member.pk, outcomes=[Outcome.REQUEST_MET], note="Готова к олимпиаде", satisfaction=5)],
    )
    page = world.client_for("curator").get(reverse("pairs:detail", args=[pair.pk])).content.decode()
    assert "Итоги" in page and "Запрос наставляемого решён" in page and "Готова к олимпиаде" in page
    assert "Продолжить (новая тема или следующий год)" in page
    assert reverse("documents:award_create", args=[world.programme.pk]) in page
    assert reverse("practices:create") + f"?pair={pair.pk}" in page
    mentee_page = world.client_for("mentee").get(reverse("pairs:detail", args=[pair.pk])).content.decode()
    assert reverse("pairs:evaluate", args=[pair.pk]) in mentee_page
    assert reverse("documents:award_create", args=[world.programme.pk]) not in mentee_page
