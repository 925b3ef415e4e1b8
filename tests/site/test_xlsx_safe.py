"""Typed text never becomes a formula: the one XLSX writer and every XLSX export and command of the product.

Each export is fed a person, request, answer, plan item or organisation whose text looks like a formula;
the produced workbook keeps that text as a string with a leading «'», and no cell of it is a formula.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell

from nastavnik.common.xlsx import Formula, append_row, build_workbook, safe_value, workbook_bytes
from nastavnik.programmes.models import RoadmapItem
from nastavnik.surveys.models import Campaign, InstrumentVersion, Response
from tests.conftest import World
from tests.pairs.matrix_lifecycle import confirmed_pair

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "\tX", "\rX"]


def _cells(content: bytes) -> Iterator[Cell]:
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row  # type: ignore[misc]


def _same(stored: str, typed: str) -> bool:
    # XML turns a bare carriage return into a line feed when the file is read back.
    return stored.replace("\r", "\n") == typed.replace("\r", "\n")


def assert_kept_as_text(content: bytes, payload: str) -> None:
    cells = list(_cells(content))
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell of an export is a formula"
    found = [c for c in cells if isinstance(c.value, str) and payload.strip() and payload.strip()[1:] in c.value]
    exact = [c for c in found if _same(c.value[: len(payload) + 1], "'" + payload)]
    assert exact, f"{payload!r} not found as text with a leading quote in {[c.value for c in found]}"
    assert all(c.data_type == "s" and c.value.startswith("'") for c in exact)


# The writer itself


@pytest.mark.parametrize("payload", PAYLOADS)
def test_safe_value_prefixes_formula_like_text(payload: str) -> None:
    assert safe_value(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Иванов", "1+1", "email@example.ru", "", 5, -3, 2.5, None])
def test_ordinary_values_are_written_unchanged(value: Any) -> None:
    assert safe_value(value) == value


def test_datetimes_lose_their_time_zone() -> None:
    moment = datetime.datetime(2026, 10, 5, 9, 0, tzinfo=datetime.UTC)
    assert safe_value(moment) == datetime.datetime(2026, 10, 5, 9, 0)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_build_workbook_keeps_typed_text_as_text_in_header_and_rows(payload: str) -> None:
    content = build_workbook("Лист", ["№", payload], [[1, payload], [-1, "обычный текст"]])
    assert_kept_as_text(content, payload)
    values = [c.value for c in _cells(content)]
    assert values.count(-1) == 1 and "обычный текст" in values


def test_a_product_formula_stays_a_formula_in_both_writers() -> None:
    content = build_workbook("Итого", ["Число"], [[2], [3], [Formula("=SUM(A2:A3)")]])
    total = [c for c in _cells(content) if c.value == "=SUM(A2:A3)"]
    assert len(total) == 1 and total[0].data_type == "f"
    workbook = Workbook()
    sheet = workbook.active
    append_row(sheet, [1, Formula("=A1*2"), "=A1*3"])
    cells = {c.value: c.data_type for c in _cells(workbook_bytes(workbook))}
    assert cells == {1: "n", "=A1*2": "f", "'=A1*3": "s"}


def test_a_formula_must_start_with_equals() -> None:
    with pytest.raises(ValueError, match="A formula starts with"):
        Formula("SUM(A1)")


# Every export URL and command


@pytest.mark.parametrize("payload", PAYLOADS)
def test_mentor_base_export(world: World, payload: str) -> None:
    world.mentor_entry.subjects = payload
    world.mentor_entry.save()
    response = world.client_for("curator").get(reverse("bases:mentor_export"))
    assert response.status_code == 200
    assert_kept_as_text(response.content, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_mentee_base_export_with_a_students_request_goal(world: World, payload: str) -> None:
    world.mentee_entry.goal = payload
    world.mentee_entry.save()
    response = world.client_for("curator").get(reverse("bases:mentee_export"))
    assert response.status_code == 200
    assert_kept_as_text(response.content, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_survey_answers_export(world: World, payload: str) -> None:
    version = InstrumentVersion.objects.get(instrument__code="self-assessment")
    campaign = Campaign.objects.create(
        organisation=world.school,
        version=version,
        title="Опрос",
        anonymous=False,
        opens_on=datetime.date(2026, 10, 1),
        closes_on=datetime.date(2026, 10, 31),
    )
    first = version.questions()[0]["id"]
    Response.objects.create(
        campaign=campaign,
        version=version,
        person=world.people["mentee"],
        answers={first: {"other": payload}},
        scores=[],
        class_name="7А",
        submitted_at=datetime.datetime(2026, 10, 5, 9, 0, tzinfo=datetime.UTC),
    )
    response = world.client_for("curator").get(reverse("surveys:export", args=[campaign.pk]))
    assert response.status_code == 200
    assert_kept_as_text(response.content, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_roadmap_export(world: World, payload: str) -> None:
    RoadmapItem.objects.create(
        programme=world.programme,
        title=payload,
        starts_on=datetime.date(2026, 10, 1),
        due_on=datetime.date(2026, 10, 15),
    )
    response = world.client_for("curator").get(reverse("programmes:roadmap_xlsx", args=[world.programme.pk]))
    assert response.status_code == 200
    assert_kept_as_text(response.content, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_pairs_export_with_a_formula_like_mentor_name(world: World, payload: str) -> None:
    confirmed_pair(world)
    mentor = world.people["mentor"]
    mentor.last_name = payload
    mentor.save()
    response = world.client_for("curator").get(reverse("monitoring:pairs_xlsx", kwargs={"org_pk": world.school.pk}))
    assert response.status_code == 200
    assert_kept_as_text(response.content, payload)


def _formula_named_school(world: World, payload: str) -> int:
    world.school.name = payload
    world.school.save()
    return world.programme.academic_year.start_year


@pytest.mark.parametrize("payload", PAYLOADS)
def test_indicator_table_export(world: World, payload: str) -> None:
    year = _formula_named_school(world, payload)
    url = reverse("monitoring:export", kwargs={"org_pk": world.school.pk}) + f"?year={year}"
    response = world.client_for("curator").get(url)
    assert response.status_code == 200
    assert_kept_as_text(response.content, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_indicator_command(world: World, payload: str, tmp_path: Path) -> None:
    year = _formula_named_school(world, payload)
    out = tmp_path / "pokazateli.xlsx"
    call_command(
        "report", "indicators", "--org", world.school.slug, "--year", f"{year}/{year + 1}", "--out", str(out),
        stdout=io.StringIO(),
    )  # fmt: skip
    assert_kept_as_text(out.read_bytes(), payload)


@pytest.mark.parametrize("kind", ["students", "staff"])
def test_import_template_goes_through_the_writer(world: World, kind: str) -> None:
    response = world.client_for("curator").get(reverse("imports:template", kwargs={"kind": kind, "fmt": "xlsx"}))
    phones = [c for c in _cells(response.content) if isinstance(c.value, str) and "900" in c.value]
    assert phones and all(c.value.startswith("'+7 900") and c.data_type == "s" for c in phones)
