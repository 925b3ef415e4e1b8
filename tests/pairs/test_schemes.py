from __future__ import annotations

from django.urls import reverse

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.matching.models import ConstraintKind, MatchingConstraint, MatchingRun, Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.programmes.models import ProblemCategory
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person


def _setup(world: World, mentors: int = 2, capacity: int = 1) -> tuple[list[MentorEntry], list[MenteeEntry]]:
    problems = list(ProblemCategory.objects.filter(audience="student")[:3])
    mentor_entries = [world.mentor_entry]
    for _ in range(mentors - 1):
        mentor_entries.append(
            make_mentor_entry(make_person(world.school, Role.TEACHER, experience_years=10), world.programme)
        )
    for entry in mentor_entries:
        entry.admission, entry.capacity = Admission.ADMITTED, capacity
        entry.save()
        entry.capabilities.set(problems)
    mentee_entries = [world.mentee_entry]
    for _ in range(2):
        mentee_entries.append(make_mentee_entry(make_person(world.school, Role.STUDENT, grade=5), world.programme))
    for entry in mentee_entries:
        entry.problems.set(problems[:1])
    return mentor_entries, mentee_entries


WEIGHT_NAMES = ["problems", "subjects", "interests", "schedule", "same_organisation", "grade_gap", "priority"]


def _settings(**extra: str) -> dict[str, str]:
    """The matching-settings form as the curator submits it, every weight at 1."""
    data = {"policy": "max_matched", "require_problem_match": "on", **{f"w_{n}": "1" for n in WEIGHT_NAMES}}
    data.update(extra)
    return data


def test_the_appointment_page_ranks_eligible_mentors_with_reasons(world: World) -> None:
    _setup(world)
    response = world.client_for("curator").get(reverse("pairs:appoint", args=[world.mentee_entry.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Совпадают проблемы" in page
    assert page.count("Назначить наставником") == 2


def test_the_curator_appoints_a_mentor_and_the_pair_is_confirmed(world: World) -> None:
    mentors, _ = _setup(world)
    response = world.client_for("curator").post(
        reverse("pairs:appoint", args=[world.mentee_entry.pk]), {"mentor": str(mentors[0].pk)}
    )
    pair = Pair.objects.get()
    assert response.status_code == 302
    assert (pair.status, pair.scheme, pair.mentor) == (PairStatus.CONFIRMED, Scheme.APPOINTMENT, mentors[0])
    assert any("Совпадают проблемы" in r["text"] for r in pair.reasons)
    world.mentee_entry.refresh_from_db()
    assert world.mentee_entry.status == MenteeStatus.MATCHED


def test_an_ineligible_mentor_cannot_be_appointed_by_a_forged_post(world: World) -> None:
    mentors, _ = _setup(world)
    world.mentee_entry.problems.set(ProblemCategory.objects.filter(audience="teacher")[:1])
    client = world.client_for("curator")
    client.post(reverse("pairs:appoint", args=[world.mentee_entry.pk]), {"mentor": str(mentors[0].pk)})
    assert not Pair.objects.exists()


def test_questionnaire_matching_proposes_then_confirms_within_capacities(world: World) -> None:
    _setup(world, mentors=2, capacity=1)
    url = reverse("pairs:questionnaire", args=[world.programme.forms.get().pk])
    client = world.client_for("curator")
    settings = _settings(same_organisation_only="on")
    assert client.post(url, settings).status_code == 302
    run = MatchingRun.objects.get()
    assert run.summary["matched"] == 2 and len(run.summary["unmatched"]) == 1
    assert run.summary["unmatched"][0]["reason"].startswith("Все подходящие наставники заняты")
    page = client.get(url).content.decode()
    assert "Без наставника" in page and "Все подходящие наставники заняты" in page
    client.post(reverse("pairs:confirm_run", args=[world.programme.forms.get().pk]))
    assert Pair.objects.filter(status=PairStatus.CONFIRMED).count() == 2
    assert all(m.load <= m.capacity for m in MentorEntry.objects.all())


def test_a_forbidden_pair_is_never_proposed_and_a_rerun_replaces_proposals(world: World) -> None:
    mentors, mentees = _setup(world, mentors=1, capacity=3)
    MatchingConstraint.objects.create(
        programme=world.programme, mentor=mentors[0], mentee=mentees[0], kind=ConstraintKind.FORBID
    )
    url = reverse("pairs:questionnaire", args=[world.programme.forms.get().pk])
    settings = _settings(same_organisation_only="on")
    client = world.client_for("curator")
    client.post(url, settings)
    client.post(url, settings)
    proposed = Pair.objects.filter(status=PairStatus.PROPOSED)
    assert proposed.count() == 2  # the second run replaced the first run's proposals
    assert not proposed.filter(members__mentee=mentees[0]).exists()


def test_a_lock_over_capacity_is_refused_with_a_message(world: World) -> None:
    mentors, mentees = _setup(world, mentors=1, capacity=1)
    for mentee in mentees[:2]:
        MatchingConstraint.objects.create(
            programme=world.programme, mentor=mentors[0], mentee=mentee, kind=ConstraintKind.LOCK
        )
    url = reverse("pairs:questionnaire", args=[world.programme.forms.get().pk])
    settings = _settings()
    response = world.client_for("curator").post(url, settings, follow=True)
    assert "Подбор невозможен" in response.content.decode()
    assert not MatchingRun.objects.exists()


def test_bad_weights_show_field_errors(world: World) -> None:
    url = reverse("pairs:questionnaire", args=[world.programme.forms.get().pk])
    response = world.client_for("curator").post(url, {"policy": "max_matched", "w_problems": "-1"})
    assert response.status_code == 400
    assert "Убедитесь, что это значение больше либо равно 0." in response.content.decode()


def test_time_slots_are_read_from_free_text_and_named_in_russian() -> None:
    from nastavnik.matching.profiles import SLOT_LABELS, subjects_in, time_slots

    assert time_slots("Вт, чт после уроков") == {"tue", "thu", "afternoon"}
    assert time_slots("в пятницу вечером") == {"fri", "evening"}
    assert time_slots("когда угодно") == frozenset()
    assert {SLOT_LABELS[code] for code in time_slots("пн утром")} == {"понедельник", "утро"}
    assert subjects_in("Подготовиться к олимпиаде по информатике", {"информатика", "химия"}) == {"информатика"}


def test_the_curator_sets_a_hard_rule_and_an_inexperienced_mentor_drops_out(world: World) -> None:
    from tests.factories import make_programme

    programme = make_programme(world.school, form_code="teacher_teacher")
    programme_form = programme.forms.get()
    problem = ProblemCategory.objects.filter(audience="teacher").first()
    young = make_person(world.school, Role.TEACHER, experience_years=1)
    novice_mentor = make_person(world.school, Role.TEACHER, experience_years=2)
    mentee = make_mentee_entry(young, programme)
    mentee.problems.set([problem])
    mentor = make_mentor_entry(novice_mentor, programme, admission=Admission.ADMITTED, capacity=2)
    mentor.capabilities.set([problem])
    url = reverse("pairs:questionnaire", args=[programme_form.pk])
    settings = _settings(**{"rules-mentor_min_experience_years": "3"})
    world.client_for("curator").post(url, settings)
    programme_form.refresh_from_db()
    assert programme_form.rule("mentor_min_experience_years") == 3
    run = MatchingRun.objects.get(programme_form=programme_form)
    assert run.summary["matched"] == 0
    assert run.summary["unmatched"][0]["reason"].startswith("Нет подходящих наставников")
