"""Roadmap templates: reading the YAML files and instantiating them for an academic year."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.orgs.models import AcademicYear
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ItemStatus, Programme, RoadmapItem
from tests.conftest import World

ROADMAPS = Path(roadmap.__file__).resolve().parent / "roadmaps"


def _raw(code: str) -> dict:  # type: ignore[type-arg]
    with (ROADMAPS / f"{code}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)  # type: ignore[no-any-return]


def programme_for(world: World, start_year: int = 2026) -> Programme:
    programme = world.programme
    programme.academic_year, _ = AcademicYear.objects.get_or_create(start_year=start_year)
    programme.curator = world.people["curator"]
    programme.save()
    return programme


def test_every_template_is_read_with_its_items() -> None:
    templates = roadmap.load_templates()
    assert {code: len(t.items) for code, t in templates.items()} == {
        "annual-plan-002": 0,
        "club-roadmap-001": 35,
        "target-model-stages-003": 17,
        "year-calendar-000": 21,
    }
    assert [s.code for s in templates["annual-plan-002"].cycle] == [
        "planning",
        "organisation",
        "motivation",
        "coordination",
        "analysis_control",
    ]
    assert [t.code for t in roadmap.instantiable_templates()] == [
        "club-roadmap-001",
        "target-model-stages-003",
        "year-calendar-000",
    ]


def test_period_dates_follow_the_academic_year() -> None:
    october = roadmap.Period(10, 10)
    assert roadmap.period_dates(october, 2026) == (datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
    march = roadmap.Period(3, 3)
    assert roadmap.period_dates(march, 2026) == (datetime.date(2027, 3, 1), datetime.date(2027, 3, 31))
    winter = roadmap.Period(12, 3)
    assert roadmap.period_dates(winter, 2026) == (datetime.date(2026, 12, 1), datetime.date(2027, 3, 31))
    february = roadmap.Period(2, 2)
    assert roadmap.period_dates(february, 2027)[1] == datetime.date(2028, 2, 29)
    preparation = roadmap.Period(5, 8, year_offset=-1)
    assert roadmap.period_dates(preparation, 2024) == (datetime.date(2024, 5, 1), datetime.date(2024, 8, 31))


@given(
    start_year=st.integers(min_value=2000, max_value=2090),
    months=st.lists(st.sampled_from(roadmap.ACADEMIC_MONTHS), min_size=2, max_size=2, unique=True),
)
def test_any_period_lies_in_its_academic_year(start_year: int, months: list[int]) -> None:
    first, second = sorted(months, key=roadmap.ACADEMIC_MONTHS.index)
    begin, end = roadmap.period_dates(roadmap.Period(first, second), start_year)
    assert begin.day == 1 and begin.month == first
    assert end.month == second and (end + datetime.timedelta(days=1)).day == 1
    assert datetime.date(start_year, 9, 1) <= begin < end <= datetime.date(start_year + 1, 8, 31)


def test_club_roadmap_is_instantiated_with_real_dates_and_verbatim_titles(world: World) -> None:
    programme = programme_for(world, 2026)
    result = roadmap.instantiate(programme, "club-roadmap-001")
    assert (result.created, result.skipped) == (35, 0)
    items = {i.template_n: i for i in programme.roadmap.all()}
    source = _raw("club-roadmap-001")["items"]
    assert [items[raw["n"]].title for raw in source] == [raw["title"] for raw in source]
    assert [items[raw["n"]].number for raw in source] == [raw["number"] for raw in source]
    first = items[1]
    assert first.title == "Информирование педагогов школы о реализации клуба наставничества"
    assert (first.starts_on, first.due_on, first.period_text) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 10, 31),
        "Октябрь",
    )
    assert first.stage == "Подготовка условий для запуска клуба наставничества"
    winter = next(i for i in items.values() if i.period_text == "Декабрь Март")
    assert (winter.starts_on, winter.due_on) == (datetime.date(2026, 12, 1), datetime.date(2027, 3, 31))
    june = [i for i in items.values() if i.period_text == "Июнь"]
    assert june and all(i.due_on == datetime.date(2027, 6, 30) for i in june)
    assert all(i.status == ItemStatus.PLANNED for i in items.values())


def test_curator_and_director_become_responsible(world: World) -> None:
    programme = programme_for(world)
    roadmap.instantiate(programme, "club-roadmap-001")
    by_text: dict[str, set[int | None]] = {"Куратор": set(), "Директор": set()}
    for item in programme.roadmap.all():
        by_text[item.responsible_text].add(item.responsible_id)
    assert by_text == {"Куратор": {world.people["curator"].pk}, "Директор": {world.people["director"].pk}}


def test_without_a_curator_the_wording_stays_and_nobody_is_assigned(world: World) -> None:
    programme = programme_for(world)
    programme.curator = None
    programme.save()
    roadmap.instantiate(programme, "club-roadmap-001")
    unassigned = programme.roadmap.filter(responsible__isnull=True)
    assert unassigned.count() == programme.roadmap.filter(responsible_text="Куратор").count() > 0


def test_instantiating_twice_adds_nothing_and_keeps_changes(world: World) -> None:
    programme = programme_for(world)
    roadmap.instantiate(programme, "club-roadmap-001")
    item = programme.roadmap.get(template_n=3)
    item.due_on = datetime.date(2026, 11, 15)
    item.status = ItemStatus.DONE
    item.save()
    programme.roadmap.filter(template_n=4).delete()
    result = roadmap.instantiate(programme, "club-roadmap-001")
    assert (result.created, result.skipped) == (1, 34)
    assert programme.roadmap.count() == 35
    assert RoadmapItem.objects.filter(programme=programme, template_n=3).count() == 1
    assert programme.roadmap.get(template_n=3).due_on == datetime.date(2026, 11, 15)
    assert roadmap.instantiate(programme, "club-roadmap-001").created == 0


def test_two_templates_live_side_by_side(world: World) -> None:
    programme = programme_for(world)
    roadmap.instantiate(programme, "club-roadmap-001")
    roadmap.instantiate(programme, "target-model-stages-003")
    assert programme.roadmap.count() == 35 + 17
    assert programme.roadmap.filter(template_code="target-model-stages-003", template_n=1).count() == 1


def test_undated_stages_of_003_follow_the_club_roadmap_rhythm(world: World) -> None:
    programme = programme_for(world, 2026)
    roadmap.instantiate(programme, "target-model-stages-003")
    items = list(programme.roadmap.order_by("template_n"))
    assert [i.title for i in items] == [raw["title"] for raw in _raw("target-model-stages-003")["items"]]
    first_stage = [i for i in items if i.stage == "Подготовка условий для запуска программы наставничества"]
    assert {(i.starts_on, i.due_on) for i in first_stage} == {(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))}
    running = [i for i in items if i.stage == "Организация хода наставнической программы"]
    assert {(i.starts_on, i.due_on) for i in running} == {(datetime.date(2026, 12, 1), datetime.date(2027, 4, 30))}
    last = [i for i in items if i.stage == "Завершение программы наставничества"]
    assert {(i.starts_on, i.due_on) for i in last} == {(datetime.date(2027, 5, 1), datetime.date(2027, 6, 30))}
    # 003 names nobody and gives no dates: no responsible person, no period wording.
    assert all(i.responsible_id is None and i.period_text == "" for i in items)
    # Stages never go backwards in time.
    starts = [i.starts_on for i in items]
    assert starts == sorted(starts)


def test_other_stage_counts_get_equal_slices_of_the_working_year() -> None:
    template = roadmap.RoadmapTemplate(
        code="x",
        version=1,
        title="x",
        source="x",
        stages=(roadmap.Stage(1, "А"), roadmap.Stage(2, "Б"), roadmap.Stage(3, "В")),
    )
    assert roadmap.undated_spans(template) == {
        "А": roadmap.Period(9, 11),
        "Б": roadmap.Period(12, 2),
        "В": roadmap.Period(3, 5),
    }


def test_year_calendar_preparation_falls_before_september(world: World) -> None:
    programme = programme_for(world, 2024)
    roadmap.instantiate(programme, "year-calendar-000")
    first = programme.roadmap.get(template_n=1)
    assert (first.starts_on, first.due_on, first.period_text) == (
        datetime.date(2024, 5, 1),
        datetime.date(2024, 8, 31),
        "май-август",
    )
    # «Директор, координатор проекта…» — the first role named is the director.
    assert first.responsible_id == world.people["director"].pk
    masters = programme.roadmap.filter(responsible_text__istartswith="Мастера")
    assert masters.exists() and not masters.filter(responsible__isnull=False).exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Куратор", "curator"),
        ("куратор программы", "curator"),
        ("Директор", "director"),
        ("Директор ОО, координатор проекта, мастера", "director"),
        ("Мастера, координатор проекта, директор", None),
        ("", None),
    ],
)
def test_responsible_wording(world: World, text: str, expected: str | None) -> None:
    curator, director = world.people["curator"], world.people["director"]
    found = roadmap.responsible_for(text, curator, director)
    assert found == (world.people[expected] if expected else None)


def test_shift_months_keeps_whole_months() -> None:
    assert roadmap.shift_months(datetime.date(2026, 10, 31), 1, keep_month_end=True) == datetime.date(2026, 11, 30)
    assert roadmap.shift_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert roadmap.shift_months(datetime.date(2026, 1, 15), -2) == datetime.date(2025, 11, 15)
    assert roadmap.period_label(datetime.date(2026, 12, 1), datetime.date(2027, 3, 31)) == "декабрь 2026 — март 2027"
    assert roadmap.period_label(datetime.date(2026, 10, 5), datetime.date(2026, 10, 20)) == "05.10.2026 — 20.10.2026"
