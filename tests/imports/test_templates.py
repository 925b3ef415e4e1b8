"""The downloadable blank forms: they open, show the columns, and import cleanly unchanged."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.orgs.models import Membership
from nastavnik.people.models import Consent, Person
from tests.conftest import World
from tests.imports.helpers import import_file


@pytest.mark.parametrize("kind", ["students", "staff"])
def test_the_xlsx_template_has_a_bold_header_and_an_example(world: World, kind: str) -> None:
    response = world.client_for("curator").get(reverse("imports:template", kwargs={"kind": kind, "fmt": "xlsx"}))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A1"].value == "Фамилия"
    assert sheet["A1"].font.bold
    assert sheet.max_row == 2


def test_the_csv_template_is_utf8_with_bom_and_semicolons(world: World) -> None:
    response = world.client_for("curator").get(reverse("imports:template", kwargs={"kind": "students", "fmt": "csv"}))
    assert response.content.startswith(b"\xef\xbb\xbf")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Фамилия;Имя;Отчество;Дата рождения;Класс;")


@pytest.mark.parametrize("kind", ["students", "staff"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_template_uploaded_unchanged_imports_its_example(world: World, kind: str, fmt: str) -> None:
    client = world.client_for("curator")
    content = client.get(reverse("imports:template", kwargs={"kind": kind, "fmt": fmt})).content
    people = Person.objects.count()
    batch = import_file(client, world.school, f"шаблон.{fmt}", content, kind)
    assert batch.summary["created"] == 1
    assert Person.objects.count() == people + 1
    person = Person.objects.latest("id")
    assert person.has_consent
    assert Consent.objects.filter(person=person).count() == 1
    assert Membership.objects.filter(person=person, organisation=world.school).exists()


def test_an_unknown_template_is_404(world: World) -> None:
    client = world.client_for("curator")
    assert client.get(reverse("imports:template", kwargs={"kind": "parents", "fmt": "xlsx"})).status_code == 404
    assert client.get(reverse("imports:template", kwargs={"kind": "staff", "fmt": "pdf"})).status_code == 404
