"""Scheme 3, the group meeting («Mentor Match»): schedule, choices, stable matching, confirmation."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.engines.matching import schedule
from nastavnik.matching.models import (
    ConstraintKind,
    MatchingConstraint,
    MatchingRun,
    Scheme,
    Side,
    SpeedMeeting,
    SpeedMeetingChoice,
    SpeedMeetingStatus,
)
from nastavnik.orgs.models import Role
from nastavnik.pairs import meetings, services
from nastavnik.pairs.models import Pair, PairStatus
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person


def _mentor(world: World, capacity: int = 1, **fields: Any) -> MentorEntry:
    person = make_person(world.school, Role.TEACHER, experience_years=10)
    return make_mentor_entry(person, world.programme, admission=Admission.ADMITTED, capacity=capacity, **fields)


def _mentee(world: World) -> MenteeEntry:
    return make_mentee_entry(make_person(world.school, Role.STUDENT, grade=6), world.programme)


def _meeting(
    world: World, mentors: list[MentorEntry], mentees: list[MenteeEntry], round_minutes: int = 5, total: int = 60
) -> SpeedMeeting:
    fields = {"title": "Mentor Match", "date": datetime.date(2026, 11, 20), "place": "Актовый зал"}
    fields |= {"round_minutes": round_minutes, "total_minutes": total}
    return meetings.create_meeting(world.programme.forms.get(), fields, mentors, mentees, None)


def _choose(meeting: SpeedMeeting, side: str, who: MentorEntry | MenteeEntry, *ranking: Any) -> None:
    meetings.save_preference(meeting, side, who.pk, [entry.pk for entry in ranking], None)


def _url(name: str, *args: Any) -> str:
    return reverse(f"pairs:{name}", args=args)


# -- the schedule ------------------------------------------------------------------------


def test_the_schedule_shown_is_the_engines_schedule_with_names(world: World) -> None:
    mentors = [_mentor(world), _mentor(world)]
    mentees = [_mentee(world) for _ in range(3)]
    meeting = _meeting(world, mentors, mentees, round_minutes=5, total=60)
    plan = meetings.build_schedule(meeting, meetings.participants(meeting))
    engine = schedule(2, 3, 5, 60)
    assert len(plan.rows) == len(engine.rounds) == 3
    for row, round_ in zip(plan.rows, engine.rounds, strict=True):
        seated = {table: mentees[j].pk for table, j in round_.meetings}
        assert {i: mentee.pk for i, (_, _, mentee) in enumerate(row.seats) if mentee} == seated
        assert [p.pk for p in row.resting] == [mentees[j].person.pk for j in round_.mentees_on_break]
    assert (plan.rows[1].start, plan.rows[1].end) == ("0:05", "0:10")
    page = world.client_for("curator").get(_url("meeting", meeting.pk)).content.decode()
    assert "3 раунда по 5 минут" in page and "2 стола" in page
    assert page.count(mentees[0].person.full_name) >= 2


def test_when_time_is_short_the_page_says_how_many_acquaintances_fit(world: World) -> None:
    meeting = _meeting(world, [_mentor(world) for _ in range(3)], [_mentee(world) for _ in range(3)], 10, 20)
    page = world.client_for("curator").get(_url("meeting", meeting.pk)).content.decode()
    assert "2 раунда по 10 минут" in page
    assert "Времени хватает не на все знакомства: 6 из 9" in page


def test_the_print_page_has_a_table_per_round_and_a_card_per_participant(world: World) -> None:
    mentor, mentees = _mentor(world), [_mentee(world), _mentee(world)]
    meeting = _meeting(world, [mentor], mentees, 5, 10)
    page = world.client_for("curator").get(_url("meeting_print", meeting.pk)).content.decode()
    assert "@media print" in page and 'href="/static/' not in page
    assert "Раунд 1 · 0:00–0:05" in page and "Раунд 2 · 0:05–0:10" in page
    assert page.count('class="card"') == 3
    assert f"{mentor.person.full_name} — наставник" in page
    assert "раунд 1 — стол 1" in page and "перерыв" in page


# -- choices -----------------------------------------------------------------------------


def test_a_choice_is_stored_best_first_and_opens_the_choice_stage(world: World) -> None:
    mentors, mentee = [_mentor(world), _mentor(world)], _mentee(world)
    meeting = _meeting(world, mentors, [mentee])
    _choose(meeting, Side.MENTEE, mentee, mentors[1], mentors[0])
    assert SpeedMeetingChoice.objects.get().ranking == [mentors[1].pk, mentors[0].pk]
    meeting.refresh_from_db()
    assert meeting.status == SpeedMeetingStatus.PREFERENCES


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("duplicate", "Один и тот же человек выбран дважды"),
        ("same_side", "Выбирать можно только участников встречи с другой стороны"),
        ("stranger", "Этот человек не участвует во встрече"),
    ],
)
def test_a_bad_choice_is_refused_and_nothing_is_saved(world: World, case: str, message: str) -> None:
    mentor, mentees = _mentor(world), [_mentee(world), _mentee(world)]
    meeting = _meeting(world, [mentor], mentees)
    chooser, ranking = {
        "duplicate": (mentees[0].pk, [mentor.pk, mentor.pk]),
        "same_side": (mentees[0].pk, [mentees[1].pk]),
        "stranger": (_mentee(world).pk, [mentor.pk]),
    }[case]
    with pytest.raises(meetings.MeetingError, match=message):
        meetings.save_preference(meeting, Side.MENTEE, chooser, ranking, None)
    assert not SpeedMeetingChoice.objects.exists()


# -- stable matching ---------------------------------------------------------------------


def _five_mentees(world: World) -> tuple[SpeedMeeting, list[MentorEntry], list[MenteeEntry]]:
    """A and B take one mentee each; x, y, z, w, v choose as below (mentee-proposing → A–y, B–x)."""
    a, b = _mentor(world), _mentor(world)
    x, y, z, w, v = (_mentee(world) for _ in range(5))
    meeting = _meeting(world, [a, b], [x, y, z, w, v])
    _choose(meeting, Side.MENTEE, x, a, b)
    _choose(meeting, Side.MENTEE, y, a)
    _choose(meeting, Side.MENTEE, w, b)
    _choose(meeting, Side.MENTEE, v, a)
    _choose(meeting, Side.MENTOR, a, y, x, v)
    _choose(meeting, Side.MENTOR, b, x)
    return meeting, [a, b], [x, y, z, w, v]


def test_stable_matching_proposes_mutual_choices_with_their_ranks_in_russian(world: World) -> None:
    meeting, (a, b), (x, y, *_) = _five_mentees(world)
    run = meetings.compute(meeting, world.people["curator"].user)
    pairs = {(p.mentor_id, p.members.get().mentee_id): p for p in Pair.objects.all()}
    assert set(pairs) == {(a.pk, y.pk), (b.pk, x.pk)}
    second_choice = pairs[b.pk, x.pk]
    assert (second_choice.scheme, second_choice.status, second_choice.score) == (
        Scheme.GROUP_MEETING,
        PairStatus.PROPOSED,
        None,
    )
    assert [r["text"] for r in second_choice.reasons] == [
        "Наставляемый поставил наставника на 2-е место",
        "Наставник поставил наставляемого на 1-е место",
    ]
    assert second_choice.members.get().reasons == second_choice.reasons
    assert all(set(r) == {"code", "text", "points"} for r in second_choice.reasons)
    assert (run.scheme, run.summary["matched"], run.summary["waiting"]) == (Scheme.GROUP_MEETING, 2, 5)
    meeting.refresh_from_db()
    assert (meeting.run, meeting.status) == (run, SpeedMeetingStatus.MATCHED)


def test_every_unmatched_mentee_gets_a_reason(world: World) -> None:
    meeting, _, (_, _, z, w, v) = _five_mentees(world)
    run = meetings.compute(meeting, None)
    reasons = {row["mentee"]: row["reason"] for row in run.summary["unmatched"]}
    assert reasons == {
        z.pk: "Не выбрал ни одного наставника",
        w.pk: "Никто из выбранных наставников не выбрал этого наставляемого",
        v.pk: "Выбранные наставники заняты теми, кого они поставили выше",
    }
    page = world.client_for("curator").get(_url("meeting", meeting.pk)).content.decode()
    assert f"{w.person.full_name} — Никто из выбранных наставников не выбрал этого наставляемого" in page
    assert "Наставляемый поставил наставника на 1-е место; Наставник поставил наставляемого на 1-е место" in page


def test_a_pair_the_curator_forbade_never_forms(world: World) -> None:
    mentor, mentee = _mentor(world), _mentee(world)
    meeting = _meeting(world, [mentor], [mentee])
    _choose(meeting, Side.MENTEE, mentee, mentor)
    _choose(meeting, Side.MENTOR, mentor, mentee)
    MatchingConstraint.objects.create(
        programme=world.programme, mentor=mentor, mentee=mentee, kind=ConstraintKind.FORBID
    )
    run = meetings.compute(meeting, None)
    assert not Pair.objects.exists()
    assert run.summary["unmatched"] == [{"mentee": mentee.pk, "reason": meetings.FORBIDDEN}]


def test_a_mentor_who_leads_a_group_gets_one_group_of_mutual_choices(world: World) -> None:
    mentor, mentees = _mentor(world, capacity=2, takes_group=True), [_mentee(world), _mentee(world)]
    meeting = _meeting(world, [mentor], mentees)
    for mentee in mentees:
        _choose(meeting, Side.MENTEE, mentee, mentor)
    _choose(meeting, Side.MENTOR, mentor, *mentees)
    meetings.compute(meeting, None)
    group = Pair.objects.get()
    assert group.is_group and group.members.count() == 2
    ranks = {m.mentee_id: m.reasons[1]["text"] for m in group.members.all()}
    assert ranks == {
        mentees[0].pk: "Наставник поставил наставляемого на 1-е место",
        mentees[1].pk: "Наставник поставил наставляемого на 2-е место",
    }


def test_a_rerun_replaces_the_group_meeting_proposals_only(world: World) -> None:
    meeting, (a, _), (x, *_) = _five_mentees(world)
    other = services.propose(a, [x], Scheme.QUESTIONNAIRE, None)
    first = meetings.compute(meeting, None)
    second = meetings.compute(meeting, None)
    assert MatchingRun.objects.filter(scheme=Scheme.GROUP_MEETING).count() == 2
    assert Pair.objects.filter(scheme=Scheme.GROUP_MEETING).count() == 2
    assert not Pair.objects.filter(run=first).exists() and Pair.objects.filter(run=second).count() == 2
    assert Pair.objects.filter(pk=other.pk).exists()


def test_confirm_all_respects_capacity_taken_since_the_matching(world: World) -> None:
    meeting, (a, b), (x, y, *_) = _five_mentees(world)
    meetings.compute(meeting, None)
    services.appoint(b, _mentee(world), None)  # B's only seat goes to someone else meanwhile
    confirmed, refused = meetings.confirm_all(meeting, None)
    assert confirmed == 1 and len(refused) == 1 and "нет свободных мест: занято 1 из 1" in refused[0]
    assert Pair.objects.get(mentor=a, scheme=Scheme.GROUP_MEETING).status == PairStatus.CONFIRMED
    assert Pair.objects.get(mentor=b, scheme=Scheme.GROUP_MEETING).status == PairStatus.PROPOSED
    assert all(m.load <= m.capacity for m in MentorEntry.objects.all())
    y.refresh_from_db()
    x.refresh_from_db()
    assert (y.status, x.status) == (MenteeStatus.MATCHED, MenteeStatus.WAITING)


def test_a_mentee_matched_elsewhere_before_the_run_is_left_out(world: World) -> None:
    mentor, mentees = _mentor(world, capacity=2), [_mentee(world), _mentee(world)]
    meeting = _meeting(world, [mentor], mentees)
    for mentee in mentees:
        _choose(meeting, Side.MENTEE, mentee, mentor)
    _choose(meeting, Side.MENTOR, mentor, *mentees)
    services.appoint(_mentor(world), mentees[0], None)
    run = meetings.compute(meeting, None)
    assert run.summary["waiting"] == 1
    assert list(Pair.objects.filter(run=run).values_list("members__mentee", flat=True)) == [mentees[1].pk]


# -- the curator's pages -----------------------------------------------------------------


def _create_post(world: World, **changes: Any) -> dict[str, Any]:
    mentor = _mentor(world)
    data = {
        "title": "Знакомство наставников и шестиклассников",
        "date": "2026-11-20",
        "place": "Кабинет 12",
        "round_minutes": "5",
        "total_minutes": "30",
        "mentors": [str(mentor.pk)],
        "mentees": [str(world.mentee_entry.pk)],
    }
    data.update(changes)
    return data


def test_the_curator_creates_a_meeting_with_the_checked_participants(world: World) -> None:
    second = _mentor(world)
    data = _create_post(world)
    data["mentors"].append(str(second.pk))
    response = world.client_for("curator").post(_url("meetings", world.programme.forms.get().pk), data)
    meeting = SpeedMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("meeting", meeting.pk)
    seats = list(meeting.mentors.values_list("table", "mentor"))
    assert [table for table, _ in seats] == [1, 2] and {str(m) for _, m in seats} == set(data["mentors"])
    assert list(meeting.mentees.values_list("mentee", flat=True)) == [world.mentee_entry.pk]
    assert meeting.created_by == world.people["curator"].user
    listing = world.client_for("curator").get(_url("meetings", world.programme.forms.get().pk)).content.decode()
    assert "2 наставника, 1 наставляемый" in listing and "20.11.2026" in listing


def test_the_create_form_lists_only_mentors_with_free_seats_all_checked(world: World) -> None:
    free, full = _mentor(world), _mentor(world)
    services.appoint(full, _mentee(world), None)
    page = world.client_for("curator").get(_url("meetings", world.programme.forms.get().pk)).content.decode()
    assert f"{free.person.full_name} (свободно мест: 1)" in page
    assert full.person.full_name not in page
    assert page.count("checked") >= 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"round_minutes": "20", "total_minutes": "10"}, "round_minutes", "Одна встреча не может быть длиннее"),
        ({"round_minutes": "0"}, "round_minutes", "больше либо равно 1"),
        ({"total_minutes": "601"}, "total_minutes", "меньше либо равно 600"),
        ({"mentors": []}, "mentors", "Отметьте хотя бы одного наставника"),
        ({"mentees": ["other"]}, "mentees", "нет среди допустимых значений"),
    ],
)
def test_bad_meeting_input_shows_a_field_error_and_saves_nothing(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    if changes.get("mentees") == ["other"]:  # a forged POST: a mentee of another school
        changes["mentees"] = [str(world.other_mentee_entry.pk)]
    url = _url("meetings", world.programme.forms.get().pk)
    response = world.client_for("curator").post(url, _create_post(world, **changes))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert message in response.content.decode()
    assert not SpeedMeeting.objects.exists()


def test_a_meeting_date_in_the_past_is_allowed(world: World) -> None:
    url = _url("meetings", world.programme.forms.get().pk)
    response = world.client_for("curator").post(url, _create_post(world, date="2020-09-01"))
    assert response.status_code == 302 and SpeedMeeting.objects.get().date == datetime.date(2020, 9, 1)


def test_the_curator_enters_a_paper_card(world: World) -> None:
    mentors, mentee = [_mentor(world), _mentor(world)], _mentee(world)
    meeting = _meeting(world, mentors, [mentee])
    url = _url("meeting_preference", meeting.pk, "mentee", mentee.pk)
    client = world.client_for("curator")
    assert client.get(url).content.decode().count("<select") == 2
    response = client.post(url, {"rank_1": str(mentors[1].pk), "rank_2": ""})
    assert response.status_code == 302 and response["Location"] == _url("meeting", meeting.pk)
    saved = SpeedMeetingChoice.objects.get()
    assert (saved.side, saved.participant, saved.ranking) == (Side.MENTEE, mentee.pk, [mentors[1].pk])
    assert saved.entered_by == world.people["curator"].user


def test_the_same_person_twice_on_a_card_is_an_error_on_the_field(world: World) -> None:
    mentors, mentee = [_mentor(world), _mentor(world)], _mentee(world)
    meeting = _meeting(world, mentors, [mentee])
    url = _url("meeting_preference", meeting.pk, "mentee", mentee.pk)
    response = world.client_for("curator").post(url, {"rank_1": str(mentors[0].pk), "rank_2": str(mentors[0].pk)})
    assert response.status_code == 400
    assert response.context["form"].errors["rank_2"] == ["Один и тот же человек выбран дважды"]
    assert not SpeedMeetingChoice.objects.exists()


def test_a_forged_choice_of_someone_outside_the_meeting_is_refused(world: World) -> None:
    mentor, mentee = _mentor(world), _mentee(world)
    outsider = _mentor(world)
    meeting = _meeting(world, [mentor], [mentee])
    url = _url("meeting_preference", meeting.pk, "mentee", mentee.pk)
    response = world.client_for("curator").post(url, {"rank_1": str(outsider.pk)})
    assert response.status_code == 400
    assert "rank_1" in response.context["form"].errors
    assert not SpeedMeetingChoice.objects.exists()


def test_a_card_for_someone_not_at_the_meeting_or_a_wrong_side_is_not_found(world: World) -> None:
    mentor, mentee = _mentor(world), _mentee(world)
    meeting = _meeting(world, [mentor], [mentee])
    client = world.client_for("curator")
    assert client.get(_url("meeting_preference", meeting.pk, "mentee", world.mentee_entry.pk)).status_code == 404
    assert client.get(_url("meeting_preference", meeting.pk, "mentor", mentee.pk)).status_code == 404
    assert client.get(_url("meeting_preference", meeting.pk, "parent", mentee.pk)).status_code == 404


def test_the_curator_computes_and_confirms_all_from_the_meeting_page(world: World) -> None:
    meeting, _, (x, y, *_) = _five_mentees(world)
    client = world.client_for("curator")
    assert client.post(_url("meeting_compute", meeting.pk)).status_code == 302
    response = client.post(_url("meeting_confirm", meeting.pk), follow=True)
    assert "Подтверждено пар: 2." in response.content.decode()
    assert Pair.objects.filter(status=PairStatus.CONFIRMED, scheme=Scheme.GROUP_MEETING).count() == 2
    x.refresh_from_db()
    assert x.status == MenteeStatus.MATCHED
    board = client.get(reverse("pairs:board")).content.decode()
    assert "Групповая встреча (Mentor Match)" in board and y.person.full_name in board


def test_compute_is_post_only(world: World) -> None:
    meeting = _meeting(world, [_mentor(world)], [_mentee(world)])
    assert world.client_for("curator").get(_url("meeting_compute", meeting.pk)).status_code == 405


# -- the participant's own pages ---------------------------------------------------------


def _with_world_people(world: World) -> tuple[SpeedMeeting, MentorEntry, MentorEntry]:
    mine = world.mentor_entry
    mine.admission = Admission.ADMITTED
    mine.save()
    other = _mentor(world)
    return _meeting(world, [mine, other], [world.mentee_entry, _mentee(world)]), mine, other


def test_a_participant_sees_the_meeting_and_enters_own_choice(world: World) -> None:
    meeting, mine, other = _with_world_people(world)
    client = world.client_for("mentee")
    listing = client.get(_url("my_meetings")).content.decode()
    assert "Mentor Match" in listing and "наставляемый" in listing and "Внести выбор" in listing
    page = client.get(_url("my_preferences", meeting.pk)).content.decode()
    assert "Мой маршрут по раундам" in page and other.person.full_name in page
    response = client.post(_url("my_preferences", meeting.pk), {"rank_1": str(other.pk), "rank_2": str(mine.pk)})
    assert response.status_code == 302 and response["Location"] == _url("my_meetings")
    saved = SpeedMeetingChoice.objects.get()
    assert (saved.side, saved.participant, saved.ranking) == (Side.MENTEE, world.mentee_entry.pk, [other.pk, mine.pk])
    assert saved.entered_by == world.people["mentee"].user


def test_a_mentor_participant_ranks_mentees(world: World) -> None:
    meeting, _, _ = _with_world_people(world)
    response = world.client_for("mentor").post(_url("my_preferences", meeting.pk), {"rank_1": world.mentee_entry.pk})
    assert response.status_code == 302
    assert SpeedMeetingChoice.objects.get().side == Side.MENTOR


def test_a_participant_cannot_forge_a_duplicate_choice(world: World) -> None:
    meeting, mine, _ = _with_world_people(world)
    response = world.client_for("mentee").post(
        _url("my_preferences", meeting.pk), {"rank_1": str(mine.pk), "rank_2": str(mine.pk)}
    )
    assert response.status_code == 400 and "Один и тот же человек выбран дважды" in response.content.decode()
    assert not SpeedMeetingChoice.objects.exists()


def test_choices_close_once_the_pairs_are_computed(world: World) -> None:
    meeting, mine, _ = _with_world_people(world)
    meetings.compute(meeting, None)
    client = world.client_for("mentee")
    assert "Приём выбора закрыт" in client.get(_url("my_preferences", meeting.pk)).content.decode()
    assert client.post(_url("my_preferences", meeting.pk), {"rank_1": str(mine.pk)}).status_code == 403
    assert not SpeedMeetingChoice.objects.exists()


def test_someone_not_at_the_meeting_gets_not_found_and_an_empty_list(world: World) -> None:
    meeting, _, _ = _with_world_people(world)
    client = world.client_for("teacher")
    assert client.get(_url("my_preferences", meeting.pk)).status_code == 404
    assert "Вы пока не участвуете в групповых встречах" in client.get(_url("my_meetings")).content.decode()
