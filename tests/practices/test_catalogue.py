"""The catalogue of regional practices (002, Приложение 3): the source's entries, filters, proposals, decisions."""

from __future__ import annotations

from django.urls import reverse

from nastavnik.practices import catalogue
from nastavnik.practices.models import BestPractice, CatalogueStatus, RegionalPractice
from tests.conftest import World

URL = reverse("practices:catalogue")
PROPOSE = reverse("practices:catalogue_propose")


def test_the_source_catalogue_is_loaded_after_migrate_and_loading_again_adds_nothing(db: None) -> None:
    entries = RegionalPractice.objects.filter(status=CatalogueStatus.INCLUDED)
    assert entries.count() == 32
    assert catalogue.load_catalogue() == 0
    first = entries.get(source_n=1)
    assert first.form_group == "Учитель-ученик"
    assert first.title == "Региональный подпроект «Будущий учитель - учитель будущего»"
    lab = entries.get(title="Проектная лаборатория молодых педагогов")
    assert lab.link_list == ["http://akadem.irooo.ru/startapy-proektnogo-masterstva", "http://laboratoriya.irooo.ru/"]
    groups = catalogue.form_groups()
    assert groups[:2] == ["Учитель-ученик", "Учитель-учитель"] and groups[-1] == "Команда-команда"
    assert len(groups) == 7


def test_the_list_filters_by_form_and_searches_ignoring_case_and_yo(world: World) -> None:
    client = world.client_for("curator")
    page = client.get(URL, {"form_group": "Работодатель-студент"}).content.decode()
    assert "Региональный чемпионат «WorldSkills Russia»" in page and "Талант-55" not in page
    assert "Найдено: 1 практика" in page
    found = client.get(URL, {"q": "ТАЛАНТ"}).content.decode()
    assert "Талант-55" in found and "Найдено: 1 практика" in found


def test_a_curator_proposes_a_bank_practice_and_the_region_includes_it(world: World) -> None:
    practice = BestPractice.objects.create(
        organisation=world.school,
        title="Клуб «Точка развития»",
        description="Старшеклассники помогают первоклассникам.",
    )
    curator = world.client_for("curator")
    form = curator.get(PROPOSE, {"practice": practice.pk}).content.decode()
    assert "Клуб «Точка развития»" in form
    bad = curator.post(
        PROPOSE,
        {
            "organisation": world.school.pk,
            "title": "Клуб",
            "form_group": "Ученик-ученик",
            "links": "javascript:alert(1)",
            "description": "Описание",
        },
    )
    assert bad.status_code == 200 and "не ссылка http:// или https://" in bad.content.decode()
    response = curator.post(
        f"{PROPOSE}?practice={practice.pk}",
        {
            "organisation": world.school.pk,
            "title": "Клуб «Точка развития»",
            "form_group": "Ученик-ученик",
            "links": "https://school.example.org/club",
            "description": "Старшеклассники помогают первоклассникам.",
        },
    )
    assert response.status_code == 302
    entry = RegionalPractice.objects.get(title="Клуб «Точка развития»")
    assert entry.status == CatalogueStatus.PROPOSED and entry.practice == practice
    # Not in the catalogue yet: the author sees the proposal, another school does not.
    assert "Предложена" in curator.get(URL).content.decode()
    assert "Клуб «Точка развития»" not in world.client_for("other_curator").get(URL).content.decode()
    # Only the regional coordinator decides; a decline needs a reason.
    decide = reverse("practices:catalogue_decide", args=[entry.pk])
    assert curator.post(decide, {"decision": "include"}).status_code == 403
    region = world.client_for("region")
    region.post(decide, {"decision": "decline", "note": ""})
    entry.refresh_from_db()
    assert entry.status == CatalogueStatus.PROPOSED
    region.post(decide, {"decision": "include"})
    entry.refresh_from_db()
    assert entry.status == CatalogueStatus.INCLUDED
    listing = world.client_for("other_curator").get(URL, {"q": "точка развития"}).content.decode()
    assert "Клуб «Точка развития»" in listing and "Найдено: 1 практика" in listing
    # Included proposals come after the source's 32 entries, on both databases.
    last_page = world.client_for("other_curator").get(URL, {"page": 2}).content.decode()
    assert "Клуб «Точка развития»" in last_page


def test_students_and_parents_do_not_use_the_catalogue(world: World) -> None:
    for role in ("mentee", "parent"):
        assert world.client_for(role).get(URL).status_code == 403
    assert world.client_for("mentee").get(PROPOSE).status_code == 403
