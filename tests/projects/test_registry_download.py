"""«Скачать реестр (XLSX)» on the registry page: the command's workbook for what the page shows."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.orgs.models import OrganisationKind, Role
from nastavnik.projects.models import NationalDirection, Status
from tests.conftest import World
from tests.factories import OrganisationFactory, make_person
from tests.projects.factories import centre, make_project


def _methodist(world: World) -> Client:
    """A methodologist of the district's centre (a district coordinator there, as in the demo)."""
    make_person(centre(world), Role.DISTRICT_COORDINATOR, username="methodist")
    return world.client_for("methodist")


def _rows(content: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def _download(client: Client, query: str = "") -> list[tuple[object, ...]]:
    response = client.get(reverse("projects:registry_xlsx") + query)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="reestr-proektov.xlsx"'
    return _rows(response.content)


def test_the_download_is_the_workbook_of_the_registry_command(world: World, tmp_path: Path) -> None:
    make_project(world)
    make_project(world, name="Траектория развития", status=Status.IDEA)
    client = _methodist(world)
    out = tmp_path / "r.xlsx"
    call_command("projects", "registry", "--org", world.district.slug, "--out", str(out), stdout=io.StringIO())
    rows = _download(client)
    assert rows == _rows(out.read_bytes())
    assert [r[0] for r in rows[1:]] == ["Траектория развития", "Школа Лидеров образования"]
    leaders = next(r for r in rows if r[0] == "Школа Лидеров образования")
    assert leaders[4:8] == (
        "основной: 01.09.2024–31.08.2029",
        world.people["teacher"].short_name,
        "Реализуется",
        "Современная школа",
    )


def test_the_download_is_filtered_as_on_the_page(world: World) -> None:
    make_project(world)
    idea = make_project(world, name="Траектория развития", status=Status.IDEA)
    other = NationalDirection.objects.exclude(name="Современная школа").first()
    assert other is not None
    idea.directions.set([other])
    client = _methodist(world)
    assert [r[0] for r in _download(client, "?status=idea")[1:]] == ["Траектория развития"]
    assert [r[0] for r in _download(client, f"?direction={other.pk}&group=direction")[1:]] == ["Траектория развития"]
    assert [r[0] for r in _download(client, "?status=closed")[1:]] == []


def test_the_page_links_the_download_with_its_filter(world: World) -> None:
    make_project(world)
    html = _methodist(world).get(reverse("projects:registry") + "?status=running&group=status").content.decode()
    assert "Скачать реестр (XLSX)" in html
    assert f'href="{reverse("projects:registry_xlsx")}?status=running&amp;group=status"' in html


def test_an_organisation_narrows_the_download_to_its_subtree(world: World) -> None:
    make_project(world)
    client = world.client_for("district")
    assert len(_download(client, f"?org={centre(world).slug}")) == 2
    assert len(_download(client, f"?org={world.district.pk}")) == 2
    assert len(_download(client, f"?org={world.school.pk}")) == 1  # the school runs no project of its own
    # The centre's methodologist reads the centre, not the schools of the district.
    assert _methodist(world).get(reverse("projects:registry_xlsx") + f"?org={world.school.pk}").status_code == 404


def test_another_districts_methodologist_gets_404_for_the_centres_registry(world: World) -> None:
    make_project(world)
    other_centre = OrganisationFactory(parent=world.other_district, kind=OrganisationKind.METHODOLOGICAL_CENTRE)
    make_person(other_centre, Role.DISTRICT_COORDINATOR, username="other_methodist")
    stranger = world.client_for("other_methodist")
    methodist = _methodist(world)
    url = reverse("projects:registry_xlsx")
    assert stranger.get(f"{url}?org={centre(world).pk}").status_code == 404
    assert stranger.get(f"{url}?org={world.district.slug}").status_code == 404
    # Without an organisation: the projects they may see — none of this district's.
    assert _download(stranger) == [_download(methodist)[0]]
    assert methodist.get(f"{url}?org={other_centre.pk}").status_code == 404


def test_bad_parameters_answer_in_russian_and_never_500(world: World) -> None:
    make_project(world)
    client = _methodist(world)
    url = reverse("projects:registry_xlsx")
    assert client.get(f"{url}?org=no-such-org").status_code == 404
    assert client.get(f"{url}?org=4242424242").status_code == 404
    assert client.get(f"{url}?org=99999999999999999999999").status_code == 400  # beyond any id
    response = client.get(f"{url}?status=nonsense")
    assert response.status_code == 400
    assert "Неверный фильтр реестра «Статус»" in response.content.decode()
    page = client.get(reverse("projects:registry") + "?direction=abc")
    assert page.status_code == 400
    assert "Неверный фильтр реестра «Направление НП»" in page.content.decode()


def test_the_download_is_for_the_office_only(world: World) -> None:
    make_project(world)
    assert world.client_for("mentee").get(reverse("projects:registry_xlsx")).status_code == 403
