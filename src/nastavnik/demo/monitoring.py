"""Demo data of the monitoring: who the mentors are, events of group 4, values entered by hand,
targets and a snapshot «на дату начала» on 1 September for every organisation with a programme.

Nothing random: the dates count from the start of the academic year and never pass
`world.today`, so the same day gives the same data. The start snapshot is taken after the
events and values of 1 September exist, so the table shows dynamics against it at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from nastavnik.bases.models import Contour, MentorBackground, MentorEntry
from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.monitoring import services
from nastavnik.monitoring.models import Event, EventKind, EventLevel, SnapshotKind, TargetKind
from nastavnik.orgs.models import Membership, OrganisationKind, Role
from nastavnik.programmes.models import Programme


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    title: str
    days_after_start: int
    kind: str
    level: str
    participants: int
    staff: int = 0
    partners: int = 0
    practices: int = 0
    practices_level: str = ""
    host: str = ""


EVENTS = (
    DemoEvent(
        catalog.SCHOOL1_SLUG,
        "Установочный семинар «Наставничество в школе: старт программы „Точка развития“»",
        0,
        EventKind.HELD,
        EventLevel.SCHOOL,
        28,
        staff=24,
    ),
    DemoEvent(
        catalog.SCHOOL1_SLUG,
        "Педагогическая мастерская «Сделаем вместе!» для наставников и молодых педагогов",
        45,
        EventKind.HELD,
        EventLevel.MUNICIPAL,
        46,
        staff=30,
        partners=2,
    ),
    DemoEvent(
        catalog.SCHOOL1_SLUG,
        "Региональная научно-практическая конференция «Наставничество в образовании Приозёрской области»",
        60,
        EventKind.ATTENDED,
        EventLevel.REGIONAL,
        4,
        staff=3,
        partners=1,
        practices=1,
        practices_level=EventLevel.REGIONAL,
        host="Институт развития образования Приозёрской области",
    ),
    DemoEvent(
        catalog.LYCEUM_SLUG,
        "Профориентационный форум «Профессиональный компас» с Приозёрским машиностроительным заводом",
        30,
        EventKind.HELD,
        EventLevel.SCHOOL,
        64,
        staff=9,
        partners=3,
    ),
    DemoEvent(
        catalog.DISTRICT_SLUG,
        "Муниципальный фестиваль наставнических практик «Школа — школе»",
        50,
        EventKind.HELD,
        EventLevel.MUNICIPAL,
        37,
        staff=31,
        practices=2,
        practices_level=EventLevel.MUNICIPAL,
    ),
    DemoEvent(
        catalog.DDT_SLUG,
        "Открытое занятие наставников дополнительного образования",
        20,
        EventKind.HELD,
        EventLevel.SCHOOL,
        18,
        staff=7,
    ),
)

# (organisation, code, value, days after the start, comment): values the data of the platform lacks.
MANUAL = (
    (
        catalog.SCHOOL1_SLUG,
        "3.3",
        2,
        40,
        "Муниципальный этап конкурса «Педагогический дебют»: участвуют 2 молодых педагога (приказ УО № 112).",
    ),
    (
        catalog.LYCEUM_SLUG,
        "4.1",
        2,
        15,
        "Участие в вебинаре Минпросвещения России по целевой модели наставничества (сертификаты у куратора).",
    ),
)

# (organisation, code, kind, value)
TARGETS = (
    (catalog.SCHOOL1_SLUG, "1.1", TargetKind.ABSOLUTE, 20),
    (catalog.SCHOOL1_SLUG, "1.2", TargetKind.ABSOLUTE, 3),
    (catalog.SCHOOL1_SLUG, "4.1", TargetKind.ABSOLUTE, 3),
    (catalog.SCHOOL1_SLUG, "2.2", TargetKind.ABSOLUTE, 3),
    (catalog.SCHOOL1_SLUG, "4.3", TargetKind.ABSOLUTE, 3),
    (catalog.SCHOOL1_SLUG, "4.4", TargetKind.GROWTH, 15),
    (catalog.LYCEUM_SLUG, "2.4", TargetKind.ABSOLUTE, 2),
    (catalog.LYCEUM_SLUG, "1.1", TargetKind.ABSOLUTE, 15),
    (catalog.DISTRICT_SLUG, "1.2", TargetKind.ABSOLUTE, 5),
)

# Who saves the monitoring data of each organisation (demo logins; none at the ДДТ).
OWNERS = {
    catalog.SCHOOL1_SLUG: "curator",
    catalog.LYCEUM_SLUG: "curator2",
    catalog.DISTRICT_SLUG: "district",
}


def set_backgrounds() -> None:
    """Mentors' background from what the base knows: partners by their organisation, pupils by class."""
    external = MentorEntry.objects.filter(contour=Contour.EXTERNAL)
    external.filter(partner_organisation__kind=OrganisationKind.ENTERPRISE).update(
        background=MentorBackground.ENTERPRISE
    )
    external.filter(partner_organisation__kind=OrganisationKind.NGO).update(background=MentorBackground.NGO)
    pupils = Membership.objects.filter(role=Role.STUDENT, is_active=True).values("person_id")
    MentorEntry.objects.filter(contour=Contour.INTERNAL, person_id__in=pupils).update(
        background=MentorBackground.STUDENT
    )


def _day(world: DemoWorld, days: int) -> datetime.date:
    return min(world.year.starts_on + datetime.timedelta(days=days), world.today)


def create_monitoring(world: DemoWorld, users: dict[str, Any]) -> None:
    school = world.orgs[catalog.SCHOOL1_SLUG]
    if Event.objects.filter(organisation=school).exists():
        return  # already there
    set_backgrounds()
    year = world.year
    for spec in EVENTS:
        owner = users.get(OWNERS.get(spec.slug, ""))
        Event.objects.create(
            organisation=world.orgs[spec.slug],
            academic_year=year,
            title=spec.title,
            date=_day(world, spec.days_after_start),
            kind=spec.kind,
            level=spec.level,
            host=spec.host,
            participants=spec.participants,
            staff_participants=spec.staff,
            partner_participants=spec.partners,
            practices_approved=spec.practices,
            practices_level=spec.practices_level,
            created_by=owner,
        )
    for slug, code, value, days, comment in MANUAL:
        org = world.orgs[slug]
        user = users.get(OWNERS.get(slug, ""))
        services.enter_manual(org, year, code, value, _day(world, days), comment, user, today=world.today)
    for slug, code, kind, value in TARGETS:
        services.save_targets(world.orgs[slug], year, {code: (kind, value)}, users.get(OWNERS.get(slug, "")))
    with_programmes = Programme.objects.filter(academic_year=year).values("organisation_id")
    for slug, org in sorted(world.orgs.items()):
        if org.pk in {row["organisation_id"] for row in with_programmes}:
            user = users.get(OWNERS.get(slug, ""))
            services.take_snapshot(org, year, SnapshotKind.START, user, today=world.today)
