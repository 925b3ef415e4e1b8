"""The demo scale: organisations and people of «Приозёрная область» (saved with history).

`build_demo` is the entry point: it builds the organisations, the staff and students with
their consents and parents, then the programmes and bases (demo/bases.py), the accounts
(demo/accounts.py) and a few edits made "by the curator" so that the audit log has
something to show.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

from nastavnik.demo import catalog, names
from nastavnik.demo.names import Family, FullName, Gender
from nastavnik.demo.people import (
    adult_birth_date,
    build_consent,
    college_birth_date,
    consent_date,
    new_person,
    phone,
    student_birth_date,
    teacher_career,
)
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, OrganisationKind, Role
from nastavnik.people.models import SELF_CONSENT_AGE, Consent, GuardianLink, Person

BATCH = 500
# People who get a demo login (demo/accounts.py) always have consent.
ACCOUNT_KEYS = ("region", "district", "director", "curator", "working_group", "mentor", "curator2")
NO_CONSENT_SHARE = 0.04
LINKED_PARENT_SHARE = 0.2


@dataclass
class Planned:
    """A person waiting to be saved, with what belongs to them."""

    person: Person
    memberships: list[Membership] = field(default_factory=list)
    consent: Consent | None = None
    guardian_of: list[tuple[Person, str]] = field(default_factory=list)


@dataclass
class DemoWorld:
    """What the later steps need: organisations, years and the people with a part to play."""

    rng: random.Random
    today: datetime.date
    year: AcademicYear
    previous_year: AcademicYear
    orgs: dict[str, Organisation] = field(default_factory=dict)
    # slug -> [(person, teacher membership)]
    teachers: dict[str, list[tuple[Person, Membership]]] = field(default_factory=dict)
    # slug -> [(person, student membership)]
    students: dict[str, list[tuple[Person, Membership]]] = field(default_factory=dict)
    key: dict[str, Person] = field(default_factory=dict)

    def students_in(self, slug: str, *grades: int) -> list[Person]:
        return [p for p, m in self.students.get(slug, []) if m.grade in grades]

    def consented_students(self, slug: str, *grades: int) -> list[Person]:
        return [p for p in self.students_in(slug, *grades) if p.has_consent]


class PeopleBuilder:
    """Plans people in memory and saves them in a few bulk inserts with history."""

    def __init__(self, world: DemoWorld) -> None:
        self.world = world
        self.rng = world.rng
        self.planned: list[Planned] = []
        self.document_number = 100

    # -- staff --------------------------------------------------------------------------

    def staff(self, spec: catalog.OrgSpec) -> None:
        org = self.world.orgs[spec.slug]
        positions = catalog.POSITIONS_BY_KIND.get(spec.kind, catalog.SCHOOL_POSITIONS)
        start = self.world.year.start_year
        for index in range(spec.teachers):
            position, subjects = positions[index % len(positions)]
            gender = names.random_gender(self.rng, 0.5 if "физической" in position else 0.8)
            career = teacher_career(self.rng, start, young=index % 4 == 3)
            membership = Membership(
                organisation=org,
                role=Role.TEACHER,
                position=position,
                subjects=subjects,
                experience_years=career.experience_years,
                category=career.category,
            )
            person = self._adult(names.random_adult(self.rng, gender), org, career.birth_date, membership)
            self.world.teachers.setdefault(spec.slug, []).append((person, membership))
        if spec.kind in {OrganisationKind.SCHOOL, OrganisationKind.ADDITIONAL_EDUCATION, OrganisationKind.COLLEGE}:
            self.world.key[f"director:{spec.slug}"] = self.manager(spec.slug, Role.DIRECTOR, "директор")

    def manager(self, slug: str, role: Role, position: str, *, low: int = 38, high: int = 60) -> Person:
        org = self.world.orgs[slug]
        name = names.random_adult(self.rng, names.random_gender(self.rng, 0.7))
        birth = adult_birth_date(self.rng, self.world.year.start_year, low, high)
        return self._adult(name, org, birth, Membership(organisation=org, role=role, position=position))

    def external(self, slug: str, position: str, gender: Gender) -> Person:
        org = self.world.orgs[slug]
        birth = adult_birth_date(self.rng, self.world.year.start_year, 26, 58)
        membership = Membership(organisation=org, role=Role.EXTERNAL, position=position)
        return self._adult(names.random_adult(self.rng, gender), org, birth, membership)

    def _adult(self, name: FullName, org: Organisation, birth: datetime.date, membership: Membership) -> Person:
        person = new_person(name, birth, organisation=org, phone=phone(self.rng))
        plan = Planned(person, [membership])
        membership.person = person
        if self.rng.random() >= NO_CONSENT_SHARE / 2:
            start = self.world.year.start_year - self.rng.choice((0, 0, 1))
            plan.consent = self._consent(person, consent_date(self.rng, start, self.world.today))
        self.planned.append(plan)
        return person

    # -- students -----------------------------------------------------------------------

    def school_students(self, spec: catalog.OrgSpec) -> None:
        org = self.world.orgs[spec.slug]
        homeroom = self._homeroom_teachers(spec.slug)
        for grade, letters, size in spec.classes:
            # A college group has a course and no letter.
            for letter in letters or ("",):
                teacher = next(homeroom[grade <= 4])
                for _ in range(size):
                    self.student(org, grade, letter, teacher, names.random_family(self.rng))

    def _homeroom_teachers(self, slug: str) -> dict[bool, _Cycle]:
        staff = self.world.teachers.get(slug, [])
        primary = [p for p, m in staff if m.position == "учитель начальных классов"]
        subject = [p for p, m in staff if m.subjects and m.position != "учитель начальных классов"]
        return {True: _Cycle(primary or subject), False: _Cycle(subject or primary)}

    def student(
        self,
        org: Organisation,
        grade: int,
        letter: str,
        class_teacher: Person | None,
        family: Family,
        *,
        gender: Gender | None = None,
        consent: bool | None = None,
        parent: Person | None = None,
    ) -> Person:
        gender = gender or names.random_gender(self.rng)
        start = self.world.year.start_year
        if org.kind == OrganisationKind.COLLEGE:
            birth = college_birth_date(self.rng, start, grade)
        else:
            birth = student_birth_date(self.rng, start, grade)
        person = new_person(family.child(self.rng, gender), birth, organisation=org)
        membership = Membership(person=person, organisation=org, role=Role.STUDENT, grade=grade, class_letter=letter)
        membership.class_teacher = class_teacher
        plan = Planned(person, [membership])
        self.planned.append(plan)
        self.world.students.setdefault(org.slug, []).append((person, membership))
        if consent is None:
            consent = self.rng.random() >= NO_CONSENT_SHARE
        if consent:
            given_on = consent_date(self.rng, start, self.world.today)
            # Only a rough filter for whom to give a linked parent record; build_consent
            # decides exactly who gives the consent by the age on the day.
            young = (self.world.today.year - birth.year) <= SELF_CONSENT_AGE
            if parent is None and young and self.rng.random() < LINKED_PARENT_SHARE:
                parent = self.parent(org, family, birth.year, mother=self.rng.random() < 0.8)
            if parent is not None:
                self._plan_of(parent).guardian_of.append((person, _relation(parent, family)))
            guardian_name = str(family.mother_name())
            plan.consent = self._consent(person, given_on, guardian=parent, guardian_name=guardian_name)
        return person

    def parent(self, org: Organisation, family: Family, child_birth_year: int, *, mother: bool = True) -> Person:
        name = family.mother_name() if mother else family.father_name(self.rng)
        membership = Membership(organisation=org, role=Role.PARENT)
        birth = adult_birth_date(self.rng, child_birth_year, 22, 36)
        return self._adult(name, org, birth, membership)

    def club_members(self, club_slug: str, source_slugs: tuple[str, ...], count: int) -> list[Person]:
        """Students of the district schools who also attend the ДДТ (a second membership)."""
        club = self.world.orgs[club_slug]
        pool = [
            (p, m) for slug in source_slugs for p, m in self.world.students.get(slug, []) if 3 <= (m.grade or 0) <= 9
        ]
        chosen = self.rng.sample(pool, min(count, len(pool)))
        for person, membership in chosen:
            extra = Membership(
                person=person,
                organisation=club,
                role=Role.STUDENT,
                grade=membership.grade,
                position=self.rng.choice(catalog.DDT_CLUBS),
            )
            self._plan_of(person).memberships.append(extra)
        return [p for p, _ in chosen]

    def ensure_consent(self, person: Person) -> None:
        plan = self._plan_of(person)
        if plan.consent is None:
            given_on = consent_date(self.rng, self.world.year.start_year, self.world.today)
            plan.consent = self._consent(person, given_on)

    def add_role(self, person: Person, org: Organisation, role: Role, position: str) -> None:
        membership = Membership(person=person, organisation=org, role=role, position=position)
        self._plan_of(person).memberships.append(membership)

    def _consent(self, person: Person, given_on: datetime.date, **kwargs: object) -> Consent:
        self.document_number += 1
        person.has_consent = True
        return build_consent(person, given_on, document_number=self.document_number, **kwargs)  # type: ignore[arg-type]

    def _plan_of(self, person: Person) -> Planned:
        for plan in reversed(self.planned):
            if plan.person is person:
                return plan
        raise LookupError(person)

    # -- saving -------------------------------------------------------------------------

    def save(self) -> None:
        persons = [plan.person for plan in self.planned]
        for person in persons:
            person.refresh_search_text()
        bulk_create_with_history(persons, Person, batch_size=BATCH)
        memberships = [m for plan in self.planned for m in plan.memberships]
        bulk_create_with_history(memberships, Membership, batch_size=BATCH)
        consents = [plan.consent for plan in self.planned if plan.consent is not None]
        bulk_create_with_history(consents, Consent, batch_size=BATCH)
        links = [
            GuardianLink(guardian=plan.person, child=child, relation=relation)
            for plan in self.planned
            for child, relation in plan.guardian_of
        ]
        GuardianLink.objects.bulk_create(links, batch_size=BATCH)
        self.planned.clear()


class _Cycle:
    """Round-robin over a list (class teachers get a class each, then a second one)."""

    def __init__(self, items: list[Person]) -> None:
        self.items = items
        self.index = 0

    def __next__(self) -> Person | None:
        if not self.items:
            return None
        item = self.items[self.index % len(self.items)]
        self.index += 1
        return item


def _relation(parent: Person, family: Family) -> str:
    return "отец" if parent.first_name == family.father and parent.last_name == family.surname else "мать"


def create_organisations(world: DemoWorld) -> None:
    for spec in catalog.ORGANISATIONS:
        org = Organisation(
            name=spec.name,
            short_name=spec.short_name,
            slug=spec.slug,
            kind=spec.kind,
            parent=world.orgs.get(spec.parent) if spec.parent else None,
            address=spec.address,
            inn=spec.inn,
            is_partner=spec.is_partner,
            low_results=spec.low_results,
        )
        org.save()
        world.orgs[spec.slug] = org


def create_people(world: DemoWorld) -> None:
    """Staff, students, parents and consents of every organisation."""
    builder = PeopleBuilder(world)
    key = world.key
    key["region"] = builder.manager(
        catalog.REGION_SLUG, Role.REGION_COORDINATOR, "руководитель регионального наставнического центра"
    )
    key["district"] = builder.manager(
        catalog.DISTRICT_SLUG, Role.DISTRICT_COORDINATOR, "главный специалист управления образования"
    )
    builder.manager(catalog.CITY_SLUG, Role.DISTRICT_COORDINATOR, "ведущий специалист комитета образования")
    for spec in catalog.ORGANISATIONS:
        builder.staff(spec)
    key["enterprise:engineer"] = builder.external(catalog.ENTERPRISE_SLUG, "инженер-конструктор", Gender.MALE)
    key["enterprise:master"] = builder.external(catalog.ENTERPRISE_SLUG, "мастер участка", Gender.MALE)
    key["enterprise:hr"] = builder.external(catalog.ENTERPRISE_SLUG, "специалист по персоналу", Gender.FEMALE)
    key["ngo:coordinator"] = builder.external(catalog.NGO_SLUG, "координатор добровольцев", Gender.FEMALE)
    key["ngo:psychologist"] = builder.external(catalog.NGO_SLUG, "психолог", Gender.FEMALE)
    school1 = world.teachers[catalog.SCHOOL1_SLUG]
    key["mentor"], key["curator"], key["working_group"] = school1[2][0], school1[5][0], school1[14][0]
    key["curator2"] = world.teachers[catalog.LYCEUM_SLUG][5][0]
    key["ddt_curator"] = world.teachers[catalog.DDT_SLUG][6][0]
    key["director"] = key[f"director:{catalog.SCHOOL1_SLUG}"]
    _add_management_roles(world, builder)
    for person in (key[k] for k in ACCOUNT_KEYS if k in key):
        builder.ensure_consent(person)
    for spec in catalog.ORGANISATIONS:
        if spec.classes:
            builder.school_students(spec)
    _plan_family_of_mentee(world, builder)
    builder.club_members(catalog.DDT_SLUG, (catalog.ZARECHNAYA_SLUG, catalog.SOSNOVKA_SLUG), 24)
    builder.save()


def _add_management_roles(world: DemoWorld, builder: PeopleBuilder) -> None:
    extra = (
        ("curator", catalog.SCHOOL1_SLUG, Role.CURATOR, "заместитель директора по воспитательной работе"),
        ("working_group", catalog.SCHOOL1_SLUG, Role.WORKING_GROUP, "член рабочей группы по наставничеству"),
        ("curator2", catalog.LYCEUM_SLUG, Role.CURATOR, "заместитель директора по учебно-воспитательной работе"),
        ("ddt_curator", catalog.DDT_SLUG, Role.CURATOR, "куратор программы наставничества"),
    )
    for key, slug, role, position in extra:
        builder.add_role(world.key[key], world.orgs[slug], role, position)
    mentor_membership = world.teachers[catalog.SCHOOL1_SLUG][2][1]
    # The demo mentor is an experienced mathematics teacher (≥ 5 years, see forms.yaml).
    mentor_membership.experience_years = max(mentor_membership.experience_years or 0, 14)
    mentor_membership.category = catalog.CATEGORY_TOP


def _plan_family_of_mentee(world: DemoWorld, builder: PeopleBuilder) -> None:
    """The demo mentee (10 А), a younger sibling (4 А) and their mother, the demo parent."""
    school = world.orgs[catalog.SCHOOL1_SLUG]
    family = names.random_family(world.rng)
    parent = builder.parent(school, family, world.year.start_year - 16, mother=True)
    homeroom = {(m.grade, m.class_letter): m.class_teacher for _, m in world.students[catalog.SCHOOL1_SLUG]}
    world.key["parent"] = parent
    world.key["mentee"] = builder.student(
        school, 10, "А", homeroom[(10, "А")], family, gender=Gender.FEMALE, consent=True, parent=parent
    )
    world.key["sibling"] = builder.student(
        school, 4, "А", homeroom[(4, "А")], family, gender=Gender.MALE, consent=True, parent=parent
    )
