"""A new academic year: exact counts of what moves on, the carried pairs, refusals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry, StatusLevel, TrainingStatus
from nastavnik.matching.models import MatchingSettings, Scheme
from nastavnik.orgs.models import AcademicYear, Role
from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.models import Decision, Pair, PairMentee, PairStatus, PairTransition
from nastavnik.programmes.models import ManagementFunction, ManagementTask, MentoringType, Programme, ProgrammeStatus
from nastavnik.years import carry_over
from nastavnik.years.carry_over import CarryOverError
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person
from tests.pairs.matrix_completion import active_pair


def _student(world: World, **kwargs: object) -> MenteeEntry:
    return make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme, **kwargs)


def _mentor(world: World, admission: str) -> MentorEntry:
    entry = make_mentor_entry(make_person(world.school, Role.TEACHER), world.programme, capacity=2)
    entry.admission = admission
    entry.save()
    return entry


@pytest.fixture
def school_year(world: World) -> dict[str, object]:
    """A programme at the end of its year.

    Mentors: the world's mentor (admitted, a long-term pair), another admitted one with an ordinary
    active pair, one applicant, one rejected. Mentees: the long-term pair's, the ordinary pair's,
    two waiting, one who completed.
    """
    programme = world.programme
    programme.relevance, programme.goals, programme.nudge_weeks = "Актуальность", "Цели", 4
    programme.save()
    form = programme.forms.get()
    form.grades, form.min_grade_gap = "1, 10", 3
    form.save()
    form.types.set(MentoringType.objects.all()[:2])
    MatchingSettings.objects.create(programme_form=form, forbid_same_class=True)
    task = ManagementTask.objects.create(programme=programme, function=ManagementFunction.PLANNING, title="План")
    task.responsible.set([world.people["curator"]])
    ManagementTask.objects.create(programme=programme, function=ManagementFunction.MOTIVATION, title="Поощрение")
    long_term = active_pair(world, final=False)
    Pair.objects.filter(pk=long_term.pk).update(is_long_term=True, stage=3)
    world.mentor_entry.refresh_from_db()
    MentorEntry.objects.filter(pk=world.mentor_entry.pk).update(
        status_level=StatusLevel.GOLD, training_status=TrainingStatus.TRAINED
    )
    second = _mentor(world, Admission.ADMITTED)
    ordinary_mentee = _student(world)
    ordinary = services.confirm(services.propose(second, [ordinary_mentee], Scheme.APPOINTMENT, None), None)
    lifecycle.move(ordinary, PairStatus.FIXED, None)
    lifecycle.activate(ordinary, None)
    _mentor(world, Admission.APPLIED)
    _mentor(world, Admission.REJECTED)
    waiting = [_student(world), _student(world)]
    _student(world, status=MenteeStatus.COMPLETED)
    return {"long_term": Pair.objects.get(pk=long_term.pk), "ordinary": ordinary, "waiting": waiting}


def test_preview_counts(world: World, school_year: dict[str, object]) -> None:
    plan = carry_over.preview(world.programme)
    assert plan.next_year == world.programme.academic_year.start_year + 1
    assert (plan.forms, plan.tasks) == (1, 2)
    assert (plan.mentors, plan.applications) == (2, 1)
    assert (plan.mentees_waiting, plan.mentees_in_pairs, plan.mentees) == (2, 1, 3)
    assert (plan.pairs, plan.left_behind) == (1, 1)


def test_carry_over_creates_the_next_year(world: World, school_year: dict[str, object]) -> None:
    user = world.people["curator"].user
    new, plan = carry_over.carry_over(world.programme, user)
    old = Programme.objects.get(pk=world.programme.pk)
    assert old.status == ProgrammeStatus.FINISHED
    assert new.carried_from == old and new.status == ProgrammeStatus.ACTIVE
    assert new.academic_year.start_year == old.academic_year.start_year + 1
    assert AcademicYear.objects.filter(start_year=new.academic_year.start_year).count() == 1
    assert (new.title, new.relevance, new.goals, new.nudge_weeks) == (old.title, "Актуальность", "Цели", 4)
    # Forms with their rules, types and matching settings; the management cycle with responsible people.
    form = new.forms.get()
    assert (form.grades, form.min_grade_gap) == ("1, 10", 3)
    assert set(form.types.all()) == set(old.forms.get().types.all())
    assert MatchingSettings.objects.get(programme_form=form).forbid_same_class is True
    assert list(new.management_tasks.values_list("title", flat=True)) == ["План", "Поощрение"]
    assert list(new.management_tasks.get(title="План").responsible.all()) == [world.people["curator"]]
    # Bases: 2 admitted + 1 application; 2 waiting + 1 from the long-term pair.
    mentors = MentorEntry.objects.filter(programme=new)
    assert mentors.count() == 3
    assert sorted(mentors.values_list("admission", flat=True)) == ["admitted", "admitted", "applied"]
    assert mentors.filter(programme_form=form).count() == 3
    mentees = MenteeEntry.objects.filter(programme=new)
    assert mentees.count() == 3
    assert sorted(mentees.values_list("status", flat=True)) == ["matched", "waiting", "waiting"]
    # The long-term pair goes on; the mentor's load is taken again by it only.
    long_term: Pair = school_year["long_term"]  # type: ignore[assignment]
    carried = Pair.objects.get(programme=new)
    assert (carried.status, carried.carried_from, carried.stage, carried.is_long_term) == (
        PairStatus.ACTIVE,
        long_term,
        3,
        True,
    )
    assert carried.programme_form == form and carried.started_on == new.academic_year.starts_on
    new_mentor = carried.mentor
    assert (new_mentor.person, new_mentor.load, new_mentor.status_level) == (
        world.people["mentor"],
        1,
        StatusLevel.GOLD,
    )
    assert mentors.exclude(pk=new_mentor.pk).filter(load__gt=0).count() == 0
    member = PairMentee.objects.get(pair=carried)
    assert member.is_current and member.mentee.person == world.people["mentee"]
    transition = PairTransition.objects.get(pair=carried)
    assert transition.to_status == PairStatus.ACTIVE and transition.by == user
    assert transition.reason.startswith(f"Перенесена из программы «{old.title}» {old.academic_year}")
    # The old pair is completed with «продолжить» through the transition service; its seats are free.
    long_term.refresh_from_db()
    assert (long_term.status, long_term.decision) == (PairStatus.COMPLETED, Decision.CONTINUE)
    assert long_term.completion_override == "Перенос на новый учебный год"
    assert MentorEntry.objects.get(pk=world.mentor_entry.pk).load == 0
    # The ordinary pair stays where it was.
    ordinary: Pair = school_year["ordinary"]  # type: ignore[assignment]
    ordinary.refresh_from_db()
    assert ordinary.status == PairStatus.ACTIVE and ordinary.programme == old
    assert plan.pairs == 1


def test_a_second_carry_over_is_refused(world: World, school_year: dict[str, object]) -> None:
    carry_over.carry_over(world.programme, None)
    with pytest.raises(CarryOverError, match=r"уже перенесена на .* повторный перенос невозможен"):
        carry_over.carry_over(world.programme, None)
    assert Programme.objects.filter(carried_from=world.programme).count() == 1
    assert Pair.objects.filter(carried_from__isnull=False).count() == 1


def test_a_programme_with_the_same_title_next_year_is_refused(world: World) -> None:
    year, _ = AcademicYear.objects.get_or_create(start_year=world.programme.academic_year.start_year + 1)
    Programme.objects.create(organisation=world.school, academic_year=year, title=world.programme.title)
    with pytest.raises(CarryOverError, match="уже есть программа"):
        carry_over.carry_over(world.programme, None)
    assert Programme.objects.get(pk=world.programme.pk).status == ProgrammeStatus.ACTIVE


def test_the_page_previews_then_carries_over(world: World, school_year: dict[str, object]) -> None:
    client = world.client_for("director")
    url = reverse("programmes:carry_over", args=[world.programme.pk])
    page = client.get(url).content.decode()
    assert "2 допущенных наставника и 1 заявка кандидата" in page
    assert "2 наставляемых в ожидании наставника, и 1 наставляемый из долгосрочных пар" in page
    assert "долгосрочные пары (1 пара)" in page and "1 форма наставничества" in page and "2 мероприятия" in page
    assert "Не переносятся (не долгосрочные или ещё не работают): 1 пара." in page
    response = client.post(url, follow=True)
    text = response.content.decode()
    assert "Программа перенесена на" in text and "Перенесена" in text
    again = client.post(url, follow=True).content.decode()
    assert "повторный перенос невозможен" in again
    assert Programme.objects.filter(carried_from=world.programme).count() == 1
    # The finished programme stays readable.
    assert world.client_for("curator").get(url).status_code == 200
    assert (
        world.client_for("curator").get(reverse("documents:award_list", args=[world.programme.pk])).status_code == 200
    )


def test_the_working_group_cannot_carry_over(world: World) -> None:
    url = reverse("programmes:carry_over", args=[world.programme.pk])
    assert world.client_for("working_group").post(url).status_code == 403
    assert world.client_for("other_curator").post(url).status_code == 404
    assert not Programme.objects.filter(carried_from=world.programme).exists()
