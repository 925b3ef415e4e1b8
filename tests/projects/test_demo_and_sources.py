"""The six projects of source 004 in the demo, and their texts checked against the source file."""

from __future__ import annotations

import re

import pytest

from nastavnik.projects.models import Level, Mode, Project, Sprint
from nastavnik.projects.source_projects import PROJECTS
from tests.sources import source_file


def _source_text() -> str:
    text = source_file("004").read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)  # «[сетевого взаимодействия ДОО](#)»
    return _norm(re.sub(r"<[^>]+>", " ", text))


# Texts the converted source breaks across table rows: each part is checked on its own.
ACROSS_ROWS = {
    "Психолого-педагогическая диагностика лиц, состоящих в кадровом резерве и кандидатов": (
        "Психолого-педагогическая диагностика лиц, состоящих в кадровом резерве и",
        "кандидатов",
    ),
    "Эффективно действующая вариативная форма совершенствования профессиональных компетенций педагогов ДОО": (
        "Эффективно действующая вариативная форма совершен-",
        "ствования профессиональных компетенций педагогов ДОО",
    ),
}


def _norm(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def test_the_six_project_names_are_the_sources() -> None:
    assert [p.name for p in PROJECTS] == [
        "ПРОкомьюнити в мире VUCA",
        "Школа Лидеров образования",
        "Траектория развития",
        "Лаборатория профессиональных компетенций",
        "Школа – Школе",
        "Тьютор в федеральном проекте «Демография»",
    ]


def test_card_texts_are_verbatim_from_the_source() -> None:
    source = _source_text()
    missing = []
    for project in PROJECTS:
        texts = [project.name, project.goal, project.idea, *project.tasks, *project.expected, *project.toolkit]
        for activity in project.activities:
            texts += [activity.title, activity.timing, activity.forecast]
        for text in filter(None, texts):
            parts = ACROSS_ROWS.get(text, (text,))
            missing += [part for part in parts if _norm(part) not in source]
    assert missing == []


@pytest.mark.django_db
def test_the_demo_centre_holds_the_six_projects_with_a_running_sprint() -> None:
    from nastavnik.demo.world import build_demo

    build_demo()
    projects = Project.objects.filter(level=Level.PROJECT, organisation__slug="zarechny-imc")
    assert projects.count() == 6
    leaders = projects.get(name="Школа Лидеров образования")
    assert leaders.activities.count() == 16
    # Shifted so that the source's 2021/2022 is the demo's current year (2026/2027).
    contest = leaders.activities.get(number="2.5")
    assert contest.items.filter(academic_year__start_year=2026).get().due_on.isoformat() == "2027-02-28"
    agile = projects.get(mode=Mode.AGILE)
    assert list(Sprint.objects.filter(project=agile).values_list("number", "status")) == [(0, "closed"), (1, "active")]
    trajectory = projects.get(name="Траектория развития")
    assert trajectory.stages.get(name="Основной").starts_on.isoformat() == "2026-09-01"
