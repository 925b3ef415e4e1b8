"""Every text of the workshops' reference data occurs verbatim in source 000 (whitespace, quotes and
hyphenation normalised), and the loaded catalogue matches the data file."""

from __future__ import annotations

import re

import pytest

from nastavnik.workshops.catalogue import read_source
from nastavnik.workshops.models import CatalogueWorkshop, Trajectory
from tests.sources import source_file


def _norm(text: str) -> str:
    text = text.replace("\u00ad", "").replace("ё", "е")
    text = re.sub(r"[«»„“”\"]", '"', text)
    text = re.sub(r"[‐‑–—]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def source() -> str:
    return _norm(source_file("000").read_text(encoding="utf-8"))


def _texts() -> list[str]:
    data = read_source()
    texts = [item["name"] for item in data["workshops"]]
    texts += [f"«{item['name']}» ({item['hours']} час" for item in data["trajectories"][:1]]
    texts += [f"траекторию «{item['name']}» ({item['hours']} час" for item in data["trajectories"][1:]]
    for section in ("topics", "statuses", "conferences", "shifts"):
        for item in data[section]:
            texts += [item["name"], *([item["description"]] if "description" in item else [])]
            texts += [item["full_name"]] if "full_name" in item else []
    return texts


@pytest.mark.parametrize("text", _texts())
def test_reference_text_occurs_in_source_000(source: str, text: str) -> None:
    assert _norm(text) in source


def test_the_catalogue_is_loaded_with_the_source_hours(db: None) -> None:
    assert list(Trajectory.objects.values_list("name", "hours")) == [
        ("Основы основ", 36),
        ("Педагогические классы", 48),
        ("Управление", 72),
        ("Мастерство", 48),
    ]
    assert list(CatalogueWorkshop.objects.values_list("name", flat=True)) == ["Мастерская SMM", "Театр историй"]


@pytest.mark.parametrize("text", ["Знакомая история", "итоговый читательский квест", "хранителя ключей"])
def test_master_shelf_names_occur_in_source_000(source: str, text: str) -> None:
    # The winter quest's name (the demo and the quest form use it), the spring quest's label and the team role.
    assert _norm(text).lower() in source.lower()
