"""Demo data of the programme lifecycle: passports, management cycles and roadmaps.

«Точка развития» of school № 1 gets the 35-item club roadmap of source 001 for the current
year with statuses as a curator would have them on `world.today`: what is past is done with a
link to the school's news as evidence (except one or two activities that are overdue), what is
going on is in progress, the rest is planned. Last year's «Точка развития» has its whole
roadmap done; «Молодой специалист» follows the 7 implementation stages of source 003. Each
programme gets the management cycle of source 002 with responsible persons.
"""

from __future__ import annotations

import datetime
from typing import Any

from nastavnik.demo import catalog, texts
from nastavnik.demo.builder import DemoWorld
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ItemStatus, ManagementFunction, Programme, RoadmapItem

# The passport sections the base demo leaves empty, for «Точка развития».
POINT_PASSPORT = {
    "forms_description": (
        "Форма наставничества «ученик – ученик» в рамках клуба наставничества «Точка развития»: "
        "наставничество ровесниками и групповое наставничество (ролевая модель «равный – равному»). "
        "Технологии: проектная технология, обучение служением, фасилитация встреч клуба."
    ),
    "indicators": (
        "Количество обучающихся, вошедших в состав наставнических пар и групп.\n"
        "Количество обучающихся из наставнических пар, у которых улучшилась успеваемость (по ранее "
        "сформулированному запросу).\n"
        "Доля наставляемых, удовлетворённых участием в программе (не менее 70 %).\n"
        "Количество наставляемых, ставших наставниками."
    ),
    "control": (
        "Текущий контроль — 1 раз в месяц вопрос о реализации программы рассматривается на совещании "
        "при директоре; мониторинг влияния программы на наставляемых — в декабре и в мае; итоговый "
        "контроль — рассмотрение результатов на педагогическом совете, посвящённом наставничеству."
    ),
}
YOUNG_PASSPORT = {
    "forms_description": (
        "Форма «учитель – учитель», вариант «опытный педагог – молодой специалист»: личное "
        "наставничество, индивидуальный образовательный маршрут, посещение и взаимопосещение уроков."
    ),
    "indicators": (
        "Количество молодых педагогов, закреплённых за наставниками.\n"
        "Доля молодых специалистов, оставшихся работать в школе после первого года.\n"
        "Количество открытых уроков, проведённых молодыми педагогами."
    ),
    "control": (
        "Текущий контроль — 1 раз в четверть на заседании методического объединения; итоговый — "
        "на педагогическом совете в мае."
    ),
}
# Share of past activities whose evidence is a link to the school's news.
EVIDENCE_SHARE = 0.8
NEWS_PAGES = ("novosti", "klub-nastavnichestva", "roditelyam", "nastavnichestvo")


def _programme(world: DemoWorld, slug: str, title: str, year: Any) -> Programme | None:
    return Programme.objects.filter(organisation=world.orgs[slug], academic_year=year, title=title).first()


def _staff(programme: Programme, *positions: str) -> list[Person]:
    memberships = Membership.objects.filter(
        organisation=programme.organisation, role=Role.TEACHER, is_active=True, position__in=positions
    ).select_related("person")
    return [m.person for m in memberships.order_by("id")]


def _fill_passport(world: DemoWorld, programme: Programme, extra: dict[str, str]) -> None:
    year = programme.academic_year
    for name, value in extra.items():
        setattr(programme, name, value)
    programme.starts_on = year.starts_on
    programme.ends_on = datetime.date(year.start_year + 1, 6, 30)
    programme.approved_on = min(year.starts_on + datetime.timedelta(days=4), world.today)
    programme.approval_document = f"Приказ № {world.rng.randint(60, 99)} от {programme.approved_on:%d.%m.%Y}"
    programme.save()


def _cycle(programme: Programme, world: DemoWorld) -> None:
    """The five functions of 002 with the curator, the working group, the psychologist and a class teacher."""
    roadmap.create_default_cycle(programme)
    team = [p for p in (world.key.get("working_group"),) if p is not None]
    psychologists = _staff(programme, "педагог-психолог")
    class_teachers = _staff(programme, "учитель начальных классов")[:1]
    extra = {
        ManagementFunction.PLANNING: team,
        ManagementFunction.ORGANISATION: team + _staff(programme, "социальный педагог")[:1],
        ManagementFunction.MOTIVATION: psychologists[:1] + class_teachers,
        ManagementFunction.COORDINATION: team,
        ManagementFunction.ANALYSIS_CONTROL: team + psychologists[:1],
    }
    for task in programme.management_tasks.all():
        people = [p.pk for p in extra.get(ManagementFunction(task.function), [])]
        if people:
            task.responsible.add(*people)


def _evidence(world: DemoWorld, programme: Programme, item: RoadmapItem) -> str:
    page = world.rng.choice(NEWS_PAGES)
    slug = programme.organisation.slug
    return f"https://{slug}.example.org/{page}/{item.due_on:%Y-%m}-{item.template_n or item.pk}"


def _done_on(world: DemoWorld, item: RoadmapItem) -> datetime.date:
    early = world.rng.randint(0, min(10, (item.due_on - item.starts_on).days))
    return item.due_on - datetime.timedelta(days=early)


def _spread_statuses(world: DemoWorld, programme: Programme, user: Any, overdue: int) -> None:
    """Past activities done (a few left overdue), current ones in progress, the rest planned."""
    today = world.today
    items = list(programme.roadmap.order_by("due_on", "order", "id"))
    past = [i for i in items if i.due_on < today]
    # The latest past activities are the ones a busy curator has not closed yet.
    late = {i.pk for i in past[-overdue:]} if overdue else set()
    for item in items:
        if item.pk in late:
            item.status = ItemStatus.IN_PROGRESS if world.rng.random() < 0.5 else ItemStatus.PLANNED
        elif item.due_on < today:
            item.status = ItemStatus.DONE
            item.done_on = _done_on(world, item)
            if world.rng.random() < EVIDENCE_SHARE:
                item.evidence_url = _evidence(world, programme, item)
        elif item.starts_on <= today:
            item.status = ItemStatus.IN_PROGRESS
        else:
            continue
        item._history_user = user  # type: ignore[attr-defined]
        item.save()


def create_roadmaps(world: DemoWorld, users: dict[str, Any]) -> None:
    curator = users.get("curator")
    point = _programme(world, catalog.SCHOOL1_SLUG, texts.POINT_OF_DEVELOPMENT.title, world.year)
    if point is not None:
        _fill_passport(world, point, POINT_PASSPORT)
        roadmap.instantiate(point, roadmap.CLUB_ROADMAP, curator)
        _spread_statuses(world, point, curator, overdue=2)
        _cycle(point, world)
    last_year = _programme(world, catalog.SCHOOL1_SLUG, texts.POINT_OF_DEVELOPMENT.title, world.previous_year)
    if last_year is not None:
        _fill_passport(world, last_year, POINT_PASSPORT)
        roadmap.instantiate(last_year, roadmap.CLUB_ROADMAP, curator)
        _spread_statuses(world, last_year, curator, overdue=0)
        _cycle(last_year, world)
    young = _programme(world, catalog.SCHOOL1_SLUG, texts.YOUNG_SPECIALIST.title, world.year)
    if young is not None:
        _fill_passport(world, young, YOUNG_PASSPORT)
        roadmap.instantiate(young, "target-model-stages-003", curator)
        # 003 names nobody: the curator takes the stages on.
        young.roadmap.filter(responsible__isnull=True).update(responsible=young.curator)
        _spread_statuses(world, young, curator, overdue=1)
        _cycle(young, world)
