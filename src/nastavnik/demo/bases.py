"""Demo programmes with their passports, the mentor base and the mentee base.

Entries are saved one by one (a few dozen) so that their history is complete: a candidate
applies, then the curator decides; the curator enters the mentees' requests.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from nastavnik.bases.models import (
    Activity,
    Admission,
    Contour,
    MenteeEntry,
    MenteeStatus,
    MentorAssessment,
    MentorEntry,
    PreferredFormat,
    ReferredBy,
    StatusLevel,
    TrainingStatus,
)
from nastavnik.demo import catalog, texts
from nastavnik.demo.builder import DemoWorld
from nastavnik.orgs.models import AcademicYear, Organisation, Role
from nastavnik.people.models import Person
from nastavnik.programmes.models import (
    Audience,
    FormVariant,
    InteractionVariant,
    MentoringFormat,
    MentoringType,
    MentorTrait,
    ProblemCategory,
    Programme,
    ProgrammeFormat,
    ProgrammeStatus,
    RoleModel,
)


@dataclass(frozen=True)
class FormSpec:
    form: str
    variant: str | None = None
    interaction: str | None = None
    role_model: str | None = None
    grades: str = ""
    types: tuple[str, ...] = ("individual",)


def create_programme(
    org: Organisation,
    year: AcademicYear,
    passport: texts.Passport,
    status: str,
    curator: Person | None,
    forms: tuple[FormSpec, ...],
) -> tuple[Programme, list[ProgrammeFormat]]:
    programme = Programme.objects.create(
        organisation=org,
        academic_year=year,
        title=passport.title,
        status=status,
        curator=curator,
        relevance=passport.relevance,
        goals=passport.goals,
        participants=passport.participants,
        resources=passport.resources,
        expected_results=passport.expected_results,
        monitoring_frequency=passport.monitoring_frequency,
        review_body=passport.review_body,
        related_documents=passport.related_documents,
        national_projects=passport.national_projects,
        funding=passport.funding,
        regulation_number=passport.regulation_number,
        regulation_date=(
            datetime.date(year.start_year, *passport.regulation_date) if passport.regulation_date else None
        ),
    )
    created = []
    for spec in forms:
        programme_form = ProgrammeFormat.objects.create(
            programme=programme,
            form=MentoringFormat.objects.get(code=spec.form),
            variant=FormVariant.objects.get(code=spec.variant) if spec.variant else None,
            interaction_variant=InteractionVariant.objects.get(code=spec.interaction) if spec.interaction else None,
            role_model=RoleModel.objects.get(code=spec.role_model) if spec.role_model else None,
            grades=spec.grades,
        )
        programme_form.types.set(MentoringType.objects.filter(code__in=spec.types))
        created.append(programme_form)
    return programme, created


class BaseFiller:
    """Adds mentors and mentees to one programme; every random choice comes from the seed."""

    def __init__(self, world: DemoWorld, users: dict[str, User]) -> None:
        self.world = world
        self.rng: random.Random = world.rng
        self.users = users
        self.problems: dict[str, list[ProblemCategory]] = {
            audience: list(ProblemCategory.objects.filter(audience__in=[audience, Audience.ANY]).order_by("order"))
            for audience in (Audience.STUDENT, Audience.TEACHER)
        }
        self.traits = list(MentorTrait.objects.order_by("order", "code"))

    def decided_at(self, year: AcademicYear) -> datetime.datetime:
        day = min(year.starts_on + datetime.timedelta(days=self.rng.randint(20, 45)), self.world.today)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, self.rng.randrange(60))))

    def mentor(
        self,
        person: Person,
        programme: Programme,
        form: ProgrammeFormat,
        *,
        audience: str,
        admission: str = Admission.ADMITTED,
        decided_by: User | None = None,
        reason: str = "",
        experience: int | None = None,
        subjects: str = "",
        level: str = StatusLevel.INITIAL,
        partner: Organisation | None = None,
    ) -> MentorEntry:
        rng = self.rng
        entry = MentorEntry(
            person=person,
            programme=programme,
            programme_form=form,
            contour=Contour.EXTERNAL if partner else Contour.INTERNAL,
            partner_organisation=partner,
            subjects=subjects,
            interests=rng.choice(texts.INTERESTS),
            availability=rng.choice(texts.TIMES),
            experience_years=experience,
            capacity=rng.randint(1, 3),
            training_status=rng.choice(
                (TrainingStatus.TRAINED, TrainingStatus.TRAINED, TrainingStatus.IN_TRAINING, TrainingStatus.NOT_TRAINED)
            ),
            status_level=level,
            motivation=rng.choice(
                texts.MENTOR_MOTIVATIONS_STUDENT if audience == Audience.STUDENT and experience is None
                else texts.MENTOR_MOTIVATIONS_ADULT
            ),
        )  # fmt: skip
        if level != StatusLevel.INITIAL:
            entry.training_status = TrainingStatus.TRAINED
        entry._history_user = person.user  # type: ignore[attr-defined]
        entry.save()
        entry.capabilities.set(rng.sample(self.problems[audience], rng.randint(2, 4)))
        entry.qualities.set(rng.sample(self.traits, rng.randint(3, 5)))
        if admission != Admission.APPLIED:
            self.decide(entry, admission, reason or rng.choice(texts.ADMISSION_REASONS), decided_by)
        return entry

    def decide(self, entry: MentorEntry, admission: str, reason: str, user: User | None) -> None:
        entry.admission = admission
        entry.admission_reason = reason
        entry.decided_by = user
        entry.decided_at = self.decided_at(entry.programme.academic_year)
        entry._history_user = user  # type: ignore[attr-defined]
        entry.save()

    def assess(self, entry: MentorEntry, assessor: User) -> None:
        rng = self.rng
        MentorAssessment.objects.create(
            entry=entry,
            assessor=assessor,
            test_score=rng.randint(55, 98),
            case_score=rng.randint(50, 95),
            sheet_score=rng.randint(60, 100),
            comment=rng.choice(
                ("Рекомендую к допуску.", "Хорошие коммуникативные навыки.", "Нужна поддержка куратора.")
            ),
        )

    def mentee(
        self,
        person: Person,
        programme: Programme,
        form: ProgrammeFormat,
        *,
        audience: str,
        created_by: User | None,
        status: str = MenteeStatus.WAITING,
        activity: str | None = None,
        problem: str | None = None,
        request: texts.Request | None = None,
    ) -> MenteeEntry:
        rng = self.rng
        catalogue = texts.STUDENT_REQUESTS if audience == Audience.STUDENT else texts.TEACHER_REQUESTS
        code = problem or rng.choice(sorted(catalogue))
        request = request or rng.choice(catalogue[code])
        activity = activity or rng.choice((Activity.ACTIVE, Activity.ACTIVE, Activity.PASSIVE))
        referred = ReferredBy.SELF if activity == Activity.ACTIVE else rng.choice(_PASSIVE_REFERRALS)
        entry = MenteeEntry(
            person=person,
            programme=programme,
            programme_form=form,
            area=request.area,
            goal=request.goal,
            desired_result=request.desired_result,
            preferred_format=rng.choice(
                (PreferredFormat.OFFLINE, PreferredFormat.OFFLINE, PreferredFormat.MIXED, PreferredFormat.ONLINE)
            ),
            preferred_time=rng.choice(texts.TIMES),
            activity=activity,
            referred_by=referred,
            status=status,
            comment=rng.choice(texts.CURATOR_COMMENTS) if referred != ReferredBy.SELF else "",
            created_by=created_by,
        )
        entry._history_user = created_by  # type: ignore[attr-defined]
        entry.save()
        extra = [p for p in self.problems[audience] if p.code != code and p.code in catalogue]
        chosen = [ProblemCategory.objects.get(code=code), *rng.sample(extra, rng.randint(0, 1))]
        entry.problems.set(chosen)
        return entry


_PASSIVE_REFERRALS = (ReferredBy.TEACHER, ReferredBy.PARENT, ReferredBy.CURATOR, ReferredBy.PSYCHOLOGIST)


def create_programmes_and_bases(world: DemoWorld, users: dict[str, User]) -> None:
    filler = BaseFiller(world, users)
    # Last year first: its mentors carry over to this year's base.
    _point_of_development_last_year(world, filler)
    _point_of_development(world, filler)
    _young_specialist(world, filler)
    _ddt_programme(world, filler)
    _school_to_school(world, filler)
    _professional_compass(world, filler)


def _point_of_development(world: DemoWorld, filler: BaseFiller) -> None:
    key, users, rng = world.key, filler.users, world.rng
    # The second form: teachers prepare tenth-graders for olympiads; the demo «mentor» leads the
    # demo «mentee» there (demo/roles.py), so the two logins are one pair.
    programme, (form, olympiad) = create_programme(
        world.orgs[catalog.SCHOOL1_SLUG],
        world.year,
        texts.POINT_OF_DEVELOPMENT,
        ProgrammeStatus.ACTIVE,
        key["curator"],
        (
            FormSpec("student_student", role_model="peer_to_peer", grades="1, 10", types=("peer", "group")),
            FormSpec("teacher_student", grades="10", types=("individual",)),
        ),
    )
    curator = users["curator"]
    seniors = [p for p in world.consented_students(catalog.SCHOOL1_SLUG, 10) if p is not key["mentee"]]
    rng.shuffle(seniors)
    mentors, mentees_10 = seniors[:8], seniors[8:10]
    admissions = [Admission.ADMITTED] * 5 + [Admission.APPLIED, Admission.APPLIED, Admission.REJECTED]
    for person, admission in zip(mentors, admissions, strict=True):
        reason = texts.PEER_REJECTION_REASON if admission == Admission.REJECTED else ""
        entry = filler.mentor(
            person, programme, form, audience=Audience.STUDENT, admission=admission, decided_by=curator, reason=reason
        )
        if admission != Admission.APPLIED:
            filler.assess(entry, curator)
    # Last year's mentor, now in the 11th grade, carries on with the gold status.
    alumni = world.key.get("alumni_mentor")
    if alumni is not None:
        filler.mentor(alumni, programme, form, audience=Audience.STUDENT, decided_by=curator, level=StatusLevel.GOLD)
    first_graders = world.consented_students(catalog.SCHOOL1_SLUG, 1)
    for index, person in enumerate(rng.sample(first_graders, min(16, len(first_graders)))):
        status = MenteeStatus.MATCHED if index < 4 else MenteeStatus.WAITING
        problem = rng.choice(("student_adaptation", "communication_skills", "low_academic_performance", "conflict"))
        filler.mentee(
            person,
            programme,
            form,
            audience=Audience.STUDENT,
            created_by=curator,
            status=status,
            activity=Activity.PASSIVE,  # first-graders are referred by teachers and parents
            problem=problem,
        )
    for person in mentees_10:
        filler.mentee(person, programme, form, audience=Audience.STUDENT, created_by=curator)
    filler.mentee(
        key["mentee"],
        programme,
        olympiad,
        audience=Audience.STUDENT,
        created_by=users["mentee"],
        activity=Activity.ACTIVE,
        problem="talent_development",
        request=texts.STUDENT_REQUESTS["talent_development"][0],
    )


def _point_of_development_last_year(world: DemoWorld, filler: BaseFiller) -> None:
    """The finished programme of the previous year: its mentors moved up a grade."""
    key, curator, rng = world.key, filler.users["curator"], world.rng
    programme, (form,) = create_programme(
        world.orgs[catalog.SCHOOL1_SLUG],
        world.previous_year,
        texts.POINT_OF_DEVELOPMENT,
        ProgrammeStatus.FINISHED,
        key["curator"],
        (FormSpec("student_student", role_model="peer_to_peer", grades="1, 10", types=("peer", "group")),),
    )
    former = world.consented_students(catalog.SCHOOL1_SLUG, 11)[:3]
    for index, person in enumerate(former):
        level = StatusLevel.GOLD if index == 0 else StatusLevel.INITIAL
        filler.mentor(person, programme, form, audience=Audience.STUDENT, decided_by=curator, level=level)
    key["alumni_mentor"] = former[0]
    second_graders = world.consented_students(catalog.SCHOOL1_SLUG, 2)
    for person in rng.sample(second_graders, min(6, len(second_graders))):
        filler.mentee(
            person, programme, form, audience=Audience.STUDENT, created_by=curator, status=MenteeStatus.COMPLETED
        )


def _young_specialist(world: DemoWorld, filler: BaseFiller) -> None:
    key, users = world.key, filler.users
    programme, (form,) = create_programme(
        world.orgs[catalog.SCHOOL1_SLUG],
        world.year,
        texts.YOUNG_SPECIALIST,
        ProgrammeStatus.ACTIVE,
        key["curator"],
        (
            FormSpec(
                "teacher_teacher",
                variant="young_specialist",
                interaction="experienced_teacher_young_specialist",
                types=("individual",),
            ),
        ),
    )
    staff = world.teachers[catalog.SCHOOL1_SLUG]
    curator, director = users["curator"], users["director"]
    mentor_entry = None
    experienced = [(p, m) for p, m in staff if (m.experience_years or 0) >= 5 and p is not key["curator"]]
    for index, (person, membership) in enumerate(experienced[:4]):
        is_demo = person is key["mentor"]
        entry = filler.mentor(
            person,
            programme,
            form,
            audience=Audience.TEACHER,
            admission=Admission.APPLIED if index == 3 and not is_demo else Admission.ADMITTED,
            decided_by=curator,
            experience=membership.experience_years,
            subjects=membership.subjects,
            level=StatusLevel.GOLD if is_demo else StatusLevel.INITIAL,
        )
        if is_demo:
            mentor_entry = entry
    if mentor_entry is None:  # the demo mentor is among the first experienced teachers
        raise RuntimeError("demo mentor is missing from «Молодой специалист»")
    filler.assess(mentor_entry, curator)
    filler.assess(mentor_entry, director)
    young = [p for p, m in staff if (m.experience_years or 0) <= 3 and p.has_consent]
    for index, person in enumerate(young):
        status = MenteeStatus.MATCHED if index < 2 else MenteeStatus.WAITING
        filler.mentee(person, programme, form, audience=Audience.TEACHER, created_by=curator, status=status)


def _ddt_programme(world: DemoWorld, filler: BaseFiller) -> None:
    programme, (active, passive) = create_programme(
        world.orgs[catalog.DDT_SLUG],
        world.year,
        texts.DDT_STEP,
        ProgrammeStatus.ACTIVE,
        world.key["ddt_curator"],
        (
            FormSpec("teacher_student", "active_mentee", "colleague_young_colleague", types=("individual", "group")),
            FormSpec("teacher_student", "passive_mentee", "active_professional_indifferent_consumer"),
        ),
    )
    staff = [(p, m) for p, m in world.teachers[catalog.DDT_SLUG] if m.subjects]
    eligible = [(p, m) for p, m in staff if (m.experience_years or 0) >= 5]
    for index, (person, membership) in enumerate(eligible[:4]):
        filler.mentor(
            person,
            programme,
            active if index % 2 == 0 else passive,
            audience=Audience.STUDENT,
            admission=Admission.APPLIED if index == 3 else Admission.ADMITTED,
            reason="Решение рабочей группы ДДТ: соответствует требованиям формы (стаж от 5 лет).",
            experience=membership.experience_years,
            subjects=membership.subjects,
            level=StatusLevel.PLATINUM if index == 0 else StatusLevel.INITIAL,
        )
    members = list(
        Person.objects.filter(
            memberships__organisation=world.orgs[catalog.DDT_SLUG], memberships__role=Role.STUDENT, has_consent=True
        ).order_by("id")
    )
    for index, person in enumerate(members[:12]):
        is_active = index % 3 != 2
        filler.mentee(
            person,
            programme,
            active if is_active else passive,
            audience=Audience.STUDENT,
            created_by=None,
            status=MenteeStatus.MATCHED if index < 2 else MenteeStatus.WAITING,
            activity=Activity.ACTIVE if is_active else Activity.PASSIVE,
        )


def _school_to_school(world: DemoWorld, filler: BaseFiller) -> None:
    """The district programme: teachers of a leader school support a school with low results."""
    district_user = filler.users["district"]
    programme, (form,) = create_programme(
        world.orgs[catalog.DISTRICT_SLUG],
        world.year,
        texts.SCHOOL_TO_SCHOOL,
        ProgrammeStatus.ACTIVE,
        world.key["district"],
        (
            FormSpec(
                "teacher_teacher", interaction="experienced_inexperienced_teacher", types=("individual", "virtual")
            ),
        ),
    )
    leaders = [(p, m) for p, m in world.teachers[catalog.ZARECHNAYA_SLUG] if (m.experience_years or 0) >= 10]
    for person, membership in leaders[:3]:
        filler.mentor(
            person,
            programme,
            form,
            audience=Audience.TEACHER,
            decided_by=district_user,
            experience=membership.experience_years,
            subjects=membership.subjects,
        )
    for person, _ in [(p, m) for p, m in world.teachers[catalog.SOSNOVKA_SLUG] if p.has_consent][:5]:
        filler.mentee(
            person, programme, form, audience=Audience.TEACHER, created_by=district_user, problem="subject_methodology"
        )


def _professional_compass(world: DemoWorld, filler: BaseFiller) -> None:
    key, users, rng = world.key, filler.users, world.rng
    programme, (form,) = create_programme(
        world.orgs[catalog.LYCEUM_SLUG],
        world.year,
        texts.PROFESSIONAL_COMPASS,
        ProgrammeStatus.APPROVED,
        key["curator2"],
        (FormSpec("employer_student", grades="8, 9, 10, 11", types=("individual", "flash")),),
    )
    curator2 = users["curator2"]
    externals = (
        ("enterprise:engineer", catalog.ENTERPRISE_SLUG, Admission.ADMITTED),
        ("enterprise:master", catalog.ENTERPRISE_SLUG, Admission.ADMITTED),
        ("ngo:psychologist", catalog.NGO_SLUG, Admission.APPLIED),
    )
    for person_key, partner_slug, admission in externals:
        filler.mentor(
            key[person_key],
            programme,
            form,
            audience=Audience.STUDENT,
            admission=admission,
            decided_by=curator2,
            partner=world.orgs[partner_slug],
        )
    seniors = world.consented_students(catalog.LYCEUM_SLUG, 8, 9, 10, 11)
    for person in rng.sample(seniors, min(14, len(seniors))):
        problem = rng.choice(("career_guidance", "career_guidance", "educational_trajectory"))
        filler.mentee(person, programme, form, audience=Audience.STUDENT, created_by=curator2, problem=problem)
