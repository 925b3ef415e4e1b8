"""The region scale: ≈500 organisations, ≈10 000 teachers and ≈100 000 students.

Added under the demo region with plain bulk inserts (no history rows), district by district
inside one transaction, so an interrupted run leaves nothing behind and the marker
(the slug «bulk-district-1») appears only with complete data.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from nastavnik.bases.models import (
    Activity,
    Admission,
    MenteeEntry,
    MenteeStatus,
    MentorEntry,
    ReferredBy,
    TrainingStatus,
)
from nastavnik.common.text import plural_ru
from nastavnik.demo import catalog, names, texts
from nastavnik.demo.people import (
    build_consent,
    consent_date,
    new_person,
    student_birth_date,
    teacher_career,
)
from nastavnik.demo.report import number as report_number
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, OrganisationKind, Role
from nastavnik.people.models import Consent, Person
from nastavnik.programmes.models import (
    Audience,
    FormVariant,
    MentoringFormat,
    MentorTrait,
    ProblemCategory,
    Programme,
    ProgrammeFormat,
    ProgrammeStatus,
)

MARKER_SLUG = "bulk-district-1"
BATCH = 2000

DISTRICTS = 20
SCHOOLS_PER_DISTRICT = 20
KINDERGARTENS_PER_DISTRICT = 2
TEACHERS: dict[str, int] = {
    OrganisationKind.SCHOOL: 23,
    OrganisationKind.ADDITIONAL_EDUCATION: 12,
    OrganisationKind.KINDERGARTEN: 10,
    OrganisationKind.METHODOLOGICAL_CENTRE: 3,
}
CLASS_LETTERS = "АБ"
CLASS_SIZE = (9, 14)
NO_CONSENT_SHARE = 0.05
MENTEES_PER_SCHOOL = 48
PEER_MENTORS_PER_SCHOOL = 2

DISTRICT_ADJECTIVES = (
    "Берёзовский", "Озёрный", "Лесной", "Светлогорский", "Каменский", "Сосновоборский", "Ключевской",
    "Верхнереченский", "Нижнедолинский", "Ольховский", "Красноборский", "Полянский", "Ручьёвский",
    "Дубравный", "Мшинский", "Яблоневский", "Кедровский", "Песчанский", "Новоладожский", "Боровской",
)  # fmt: skip

SCHOOL_TITLES = ("Точка развития", "Молодой специалист", "Вместе к успеху", "Шаг навстречу", "Старт в профессию")


def region_exists() -> bool:
    return Organisation.objects.filter(slug=MARKER_SLUG).exists()


def _genitive(adjective: str) -> str:
    for ending in ("ский", "ной", "ый", "ой"):
        if adjective.endswith(ending):
            stem = adjective[: -len(ending)]
            return stem + ("ского" if ending == "ский" else "ного" if ending == "ной" else "ого")
    return adjective


@dataclass
class Reference:
    """Reference rows looked up once."""

    student_student: MentoringFormat
    teacher_teacher: MentoringFormat
    teacher_student: MentoringFormat
    young_specialist: FormVariant
    student_problems: list[int]
    teacher_problems: list[int]
    traits: list[int]
    codes: dict[int, str]

    @classmethod
    def load(cls) -> Reference:
        problems = list(ProblemCategory.objects.order_by("order"))
        return cls(
            student_student=MentoringFormat.objects.get(code="student_student"),
            teacher_teacher=MentoringFormat.objects.get(code="teacher_teacher"),
            teacher_student=MentoringFormat.objects.get(code="teacher_student"),
            young_specialist=FormVariant.objects.get(code="young_specialist"),
            student_problems=[p.pk for p in problems if p.audience in (Audience.STUDENT, Audience.ANY)],
            teacher_problems=[p.pk for p in problems if p.audience in (Audience.TEACHER, Audience.ANY)],
            traits=list(MentorTrait.objects.values_list("pk", flat=True)),
            codes={p.pk: p.code for p in problems},
        )


@dataclass
class OrgPeople:
    org: Organisation
    teachers: list[tuple[Person, Membership]] = field(default_factory=list)
    students: list[tuple[Person, Membership]] = field(default_factory=list)


class RegionBuilder:
    def __init__(self, seed: int, factor: float, progress: Callable[[str], object]) -> None:
        self.rng = random.Random(seed + 1)
        self.factor = factor
        self.progress = progress
        self.year = AcademicYear.current()
        self.today = datetime.date.today()
        self.region = Organisation.objects.get(slug=catalog.REGION_SLUG)
        self.ref = Reference.load()
        self.totals: dict[str, int] = {}

    # -- organisations ------------------------------------------------------------------

    def organisations(self) -> list[tuple[Organisation, list[Organisation]]]:
        districts_count = max(1, min(DISTRICTS, round(DISTRICTS * self.factor)))
        schools = max(1, round(SCHOOLS_PER_DISTRICT * self.factor))
        districts = [
            Organisation(
                name=f"{DISTRICT_ADJECTIVES[i % len(DISTRICT_ADJECTIVES)]} муниципальный район",
                short_name=f"{DISTRICT_ADJECTIVES[i % len(DISTRICT_ADJECTIVES)]} р-н",
                slug=f"bulk-district-{i + 1}",
                kind=OrganisationKind.DISTRICT,
                parent=self.region,
            )
            for i in range(districts_count)
        ]
        _create_with_paths(districts, self.region.path)
        children: list[list[Organisation]] = []
        for i, district in enumerate(districts):
            genitive = _genitive(DISTRICT_ADJECTIVES[i % len(DISTRICT_ADJECTIVES)]) + " района"
            children.append(self._district_children(district, i + 1, genitive, schools))
        for district, orgs in zip(districts, children, strict=True):
            _create_with_paths(orgs, district.path)
        return list(zip(districts, children, strict=True))

    def _district_children(
        self, district: Organisation, number: int, genitive: str, schools: int
    ) -> list[Organisation]:
        def org(slug: str, name: str, short: str, kind: str, low: bool = False) -> Organisation:
            return Organisation(
                name=name, short_name=short, slug=f"bulk-d{number}-{slug}", kind=kind, parent=district, low_results=low
            )

        orgs = [
            org("imc", f"МКУ «Информационно-методический центр» {genitive}", f"ИМЦ {genitive}",
                OrganisationKind.METHODOLOGICAL_CENTRE),
            org("ddt", f"МБУ ДО «Дом детского творчества» {genitive}", f"ДДТ {genitive}",
                OrganisationKind.ADDITIONAL_EDUCATION),
        ]  # fmt: skip
        for k in range(1, KINDERGARTENS_PER_DISTRICT + 1):
            orgs.append(
                org(f"dou-{k}", f"МБДОУ «Детский сад № {k}» {genitive}", f"Д/с № {k}", OrganisationKind.KINDERGARTEN)
            )
        for j in range(1, schools + 1):
            orgs.append(
                org(
                    f"school-{j}",
                    f"МБОУ «Средняя общеобразовательная школа № {j}» {genitive}",
                    f"СОШ № {j} ({genitive})",
                    OrganisationKind.SCHOOL,
                    low=self.rng.random() < 0.1,
                )
            )
        return orgs

    # -- people -------------------------------------------------------------------------

    def people(self, orgs: list[Organisation]) -> list[OrgPeople]:
        """Persons, memberships and consents of one district, in three bulk inserts."""
        groups = [OrgPeople(org) for org in orgs]
        persons: list[Person] = []
        memberships: list[Membership] = []
        consents: list[Consent] = []
        for group in groups:
            self._staff(group)
            if group.org.kind == OrganisationKind.SCHOOL:
                self._students(group)
            for person, membership in group.teachers + group.students:
                persons.append(person)
                memberships.append(membership)
                consent = self._consent(person)
                if consent is not None:
                    consents.append(consent)
        for person in persons:
            person.refresh_search_text()
        Person.objects.bulk_create(persons, batch_size=BATCH)
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        Consent.objects.bulk_create(consents, batch_size=BATCH)
        self._add("people", len(persons))
        return groups

    def _staff(self, group: OrgPeople) -> None:
        positions = catalog.POSITIONS_BY_KIND[group.org.kind]
        for index in range(TEACHERS[group.org.kind]):
            position, subjects = positions[index % len(positions)]
            career = teacher_career(self.rng, self.year.start_year, young=index % 5 == 4)
            gender = names.random_gender(self.rng, 0.8)
            person = new_person(names.random_adult(self.rng, gender), career.birth_date, organisation=group.org)
            membership = Membership(
                person=person,
                organisation=group.org,
                role=Role.TEACHER,
                position=position,
                subjects=subjects,
                experience_years=career.experience_years,
                category=career.category,
            )
            group.teachers.append((person, membership))

    def _students(self, group: OrgPeople) -> None:
        homeroom = [p for p, m in group.teachers if m.subjects]
        class_index = 0
        for grade in range(1, 12):
            for letter in CLASS_LETTERS:
                teacher = homeroom[class_index % len(homeroom)] if homeroom else None
                class_index += 1
                for _ in range(self.rng.randint(*CLASS_SIZE)):
                    family = names.random_family(self.rng)
                    birth = student_birth_date(self.rng, self.year.start_year, grade)
                    gender = names.random_gender(self.rng)
                    person = new_person(family.child(self.rng, gender), birth, organisation=group.org)
                    person._demo_family = family  # type: ignore[attr-defined]
                    membership = Membership(
                        person=person,
                        organisation=group.org,
                        role=Role.STUDENT,
                        grade=grade,
                        class_letter=letter,
                        class_teacher=teacher,
                    )
                    group.students.append((person, membership))

    def _consent(self, person: Person) -> Consent | None:
        if self.rng.random() < NO_CONSENT_SHARE:
            return None
        person.has_consent = True
        family = getattr(person, "_demo_family", None)
        guardian_name = str(family.mother_name()) if family is not None else ""
        return build_consent(
            person, consent_date(self.rng, self.year.start_year, self.today), guardian_name=guardian_name
        )

    # -- programmes and bases -----------------------------------------------------------

    def programmes(self, district: Organisation, groups: list[OrgPeople]) -> None:
        ref, rng = self.ref, self.rng
        plans: list[tuple[Programme, list[ProgrammeFormat], OrgPeople | None]] = []
        for group in groups:
            kind = group.org.kind
            if kind == OrganisationKind.SCHOOL:
                programme = self._programme(group.org, rng.choice(SCHOOL_TITLES))
                forms = [
                    ProgrammeFormat(programme=programme, form=ref.student_student, grades="5, 9"),
                    ProgrammeFormat(programme=programme, form=ref.teacher_teacher, variant=ref.young_specialist),
                ]
                plans.append((programme, forms, group))
            elif kind == OrganisationKind.ADDITIONAL_EDUCATION:
                programme = self._programme(group.org, texts.DDT_STEP.title)
                plans.append((programme, [ProgrammeFormat(programme=programme, form=ref.teacher_student)], group))
        district_programme = self._programme(district, texts.SCHOOL_TO_SCHOOL.title)
        plans.append(
            (district_programme, [ProgrammeFormat(programme=district_programme, form=ref.teacher_teacher)], None)
        )
        Programme.objects.bulk_create([p for p, _, _ in plans], batch_size=BATCH)
        for programme, forms, _ in plans:
            for form in forms:
                form.programme = programme
        ProgrammeFormat.objects.bulk_create([f for _, forms, _ in plans for f in forms], batch_size=BATCH)
        self._add("programmes", len(plans))
        self._bases(plans, groups)

    def _programme(self, org: Organisation, title: str) -> Programme:
        return Programme(
            organisation=org,
            academic_year=self.year,
            title=title,
            status=ProgrammeStatus.ACTIVE,
            relevance=texts.POINT_OF_DEVELOPMENT.relevance,
            goals=texts.POINT_OF_DEVELOPMENT.goals,
            monitoring_frequency=texts.POINT_OF_DEVELOPMENT.monitoring_frequency,
            review_body="педагогический совет",
        )

    def _bases(
        self, plans: list[tuple[Programme, list[ProgrammeFormat], OrgPeople | None]], groups: list[OrgPeople]
    ) -> None:
        mentors: list[MentorEntry] = []
        mentees: list[MenteeEntry] = []
        district_teachers = [(p, m) for g in groups if g.org.kind == OrganisationKind.SCHOOL for p, m in g.teachers]
        for programme, forms, group in plans:
            if group is None:
                self._district_base(programme, forms[0], district_teachers, mentors, mentees)
            elif group.org.kind == OrganisationKind.SCHOOL:
                self._school_base(programme, forms, group, mentors, mentees)
            else:
                self._ddt_base(programme, forms[0], group, mentors)
        MentorEntry.objects.bulk_create(mentors, batch_size=BATCH)
        MenteeEntry.objects.bulk_create(mentees, batch_size=BATCH)
        self._link_m2m(mentors, mentees)
        self._add("mentors", len(mentors))
        self._add("mentees", len(mentees))

    def _school_base(
        self,
        programme: Programme,
        forms: list[ProgrammeFormat],
        group: OrgPeople,
        mentors: list[MentorEntry],
        mentees: list[MenteeEntry],
    ) -> None:
        peer_form, teacher_form = forms
        rng = self.rng
        teachers = [(p, m) for p, m in group.teachers if p.has_consent]
        experienced = [(p, m) for p, m in teachers if (m.experience_years or 0) >= 5]
        young = [(p, m) for p, m in teachers if (m.experience_years or 0) <= 3]
        for person, membership in rng.sample(experienced, min(2 + rng.randint(0, 1), len(experienced))):
            mentors.append(self._mentor(person, programme, teacher_form, Audience.TEACHER, membership))
        seniors = [p for p, m in group.students if p.has_consent and (m.grade or 0) >= 10]
        for person in rng.sample(seniors, min(PEER_MENTORS_PER_SCHOOL, len(seniors))):
            mentors.append(self._mentor(person, programme, peer_form, Audience.STUDENT, None))
        for person, _ in young[:2]:
            mentees.append(self._mentee(person, programme, teacher_form, Audience.TEACHER))
        pool = [p for p, m in group.students if p.has_consent and 5 <= (m.grade or 0) <= 9]
        for person in rng.sample(pool, min(MENTEES_PER_SCHOOL, len(pool))):
            mentees.append(self._mentee(person, programme, peer_form, Audience.STUDENT))

    def _ddt_base(
        self, programme: Programme, form: ProgrammeFormat, group: OrgPeople, mentors: list[MentorEntry]
    ) -> None:
        eligible = [(p, m) for p, m in group.teachers if p.has_consent and (m.experience_years or 0) >= 5]
        for person, membership in eligible[:2]:
            mentors.append(self._mentor(person, programme, form, Audience.STUDENT, membership))

    def _district_base(
        self,
        programme: Programme,
        form: ProgrammeFormat,
        teachers: list[tuple[Person, Membership]],
        mentors: list[MentorEntry],
        mentees: list[MenteeEntry],
    ) -> None:
        leaders = [(p, m) for p, m in teachers if p.has_consent and (m.experience_years or 0) >= 15]
        for person, membership in self.rng.sample(leaders, min(3, len(leaders))):
            mentors.append(self._mentor(person, programme, form, Audience.TEACHER, membership))
        learners = [p for p, m in teachers if p.has_consent and 4 <= (m.experience_years or 0) <= 8]
        for person in self.rng.sample(learners, min(10, len(learners))):
            mentees.append(self._mentee(person, programme, form, Audience.TEACHER))

    def _mentor(
        self, person: Person, programme: Programme, form: ProgrammeFormat, audience: str, membership: Membership | None
    ) -> MentorEntry:
        rng = self.rng
        problems = self.ref.student_problems if audience == Audience.STUDENT else self.ref.teacher_problems
        entry = MentorEntry(
            person=person,
            programme=programme,
            programme_form=form,
            experience_years=membership.experience_years if membership else None,
            subjects=membership.subjects if membership else "",
            capacity=rng.randint(1, 3),
            availability=rng.choice(texts.TIMES),
            training_status=rng.choice(list(TrainingStatus.values)),
            admission=Admission.ADMITTED if rng.random() < 0.85 else Admission.APPLIED,
        )
        entry._demo_capabilities = rng.sample(problems, 3)  # type: ignore[attr-defined]
        entry._demo_qualities = rng.sample(self.ref.traits, 3)  # type: ignore[attr-defined]
        return entry

    def _mentee(self, person: Person, programme: Programme, form: ProgrammeFormat, audience: str) -> MenteeEntry:
        rng = self.rng
        catalogue = texts.STUDENT_REQUESTS if audience == Audience.STUDENT else texts.TEACHER_REQUESTS
        codes = {code: pk for pk, code in self.ref.codes.items()}
        code = rng.choice(sorted(catalogue))
        request = rng.choice(catalogue[code])
        activity = Activity.ACTIVE if rng.random() < 0.6 else Activity.PASSIVE
        entry = MenteeEntry(
            person=person,
            programme=programme,
            programme_form=form,
            area=request.area,
            goal=request.goal,
            desired_result=request.desired_result,
            preferred_time=rng.choice(texts.TIMES),
            activity=activity,
            referred_by=ReferredBy.SELF if activity == Activity.ACTIVE else ReferredBy.TEACHER,
            status=MenteeStatus.MATCHED if rng.random() < 0.15 else MenteeStatus.WAITING,
        )
        entry._demo_problems = [codes[code]]  # type: ignore[attr-defined]
        return entry

    def _link_m2m(self, mentors: list[MentorEntry], mentees: list[MenteeEntry]) -> None:
        capabilities = MentorEntry.capabilities.through
        qualities = MentorEntry.qualities.through
        problems = MenteeEntry.problems.through
        capabilities.objects.bulk_create(
            [capabilities(mentorentry_id=e.pk, problemcategory_id=c) for e in mentors for c in e._demo_capabilities],  # type: ignore[attr-defined]
            batch_size=BATCH,
        )
        qualities.objects.bulk_create(
            [qualities(mentorentry_id=e.pk, mentortrait_id=q) for e in mentors for q in e._demo_qualities],  # type: ignore[attr-defined]
            batch_size=BATCH,
        )
        problems.objects.bulk_create(
            [problems(menteeentry_id=e.pk, problemcategory_id=p) for e in mentees for p in e._demo_problems],  # type: ignore[attr-defined]
            batch_size=BATCH,
        )

    def _add(self, key: str, value: int) -> None:
        self.totals[key] = self.totals.get(key, 0) + value

    # -- the whole --------------------------------------------------------------------

    def build(self) -> None:
        districts = self.organisations()
        for number, (district, orgs) in enumerate(districts, start=1):
            groups = self.people(orgs)
            self.programmes(district, groups)
            orgs_word = plural_ru(len(orgs), "организация", "организации", "организаций")
            self.progress(
                f"  район {number} из {len(districts)}: {district.short_name}, {len(orgs)} {orgs_word}; "
                f"людей создано: {report_number(self.totals['people'])}"
            )


def _create_with_paths(orgs: list[Organisation], parent_path: str) -> None:
    """bulk_create skips Organisation.save, so the materialised path is set here."""
    Organisation.objects.bulk_create(orgs, batch_size=BATCH)
    for org in orgs:
        org.path = f"{parent_path}{org.pk}/"
    Organisation.objects.bulk_update(orgs, ["path"], batch_size=BATCH)


@transaction.atomic
def build_region(seed: int, factor: float = 1.0, progress: Callable[[str], object] = print) -> dict[str, int]:
    """Add the region-sized data under the demo region (which must exist); returns the totals."""
    builder = RegionBuilder(seed, factor, progress)
    builder.build()
    return builder.totals
