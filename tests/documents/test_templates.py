"""Editable DOCX templates: download, upload (with refusals), inheritance down the tree, reset."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from nastavnik.bases.models import Admission
from nastavnik.documents import builtin_order
from nastavnik.documents.models import DocumentTemplate, TemplateKind
from nastavnik.orgs.models import Role
from nastavnik.pairs import orders, services
from nastavnik.pairs.models import PairOrder
from tests.conftest import World
from tests.factories import make_mentor_entry, make_person, make_programme
from tests.pairs.matrix_lifecycle import confirmed_pair


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _docx_with(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(client: Client, data: bytes, name: str = "prikaz.docx", org: int | None = None) -> Any:
    url = reverse("documents:template_upload", args=["order"]) + (f"?org={org}" if org else "")
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def _texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def _order_texts(world: World, role: str, order: PairOrder) -> list[str]:
    return _texts(_body(world.client_for(role).get(reverse("pairs:order_docx", args=[order.pk]))))


def _order(world: World) -> PairOrder:
    order = orders.create_draft(world.programme, None, [confirmed_pair(world)])
    order.number, order.order_date = "45-од", datetime.date(2026, 12, 15)
    order.save()
    return order


def _other_order(world: World) -> PairOrder:
    """A draft order of the other school, with one confirmed pair (an order without pairs is refused)."""
    teacher = make_person(world.other_school, Role.TEACHER, experience_years=10)
    mentor = make_mentor_entry(teacher, world.other_programme, admission=Admission.ADMITTED, capacity=1)
    return orders.create_draft(world.other_programme, None, [services.appoint(mentor, world.other_mentee_entry, None)])


CUSTOM = ("СВОЙ ПРИКАЗ {{ order.number }} от {{ order.date }}", "Пар: {{ count }}")


def test_page_lists_every_kind_and_explains_the_tags(world: World) -> None:
    response = world.client_for("curator").get(reverse("documents:templates"))
    html = response.content.decode()
    for kind in TemplateKind:
        assert kind.label in html
    assert "{{ order.number }}" in html and "{%tr for p in pairs %}" in html and "{{ p.mentees }}" in html
    assert "Скачать встроенный шаблон" in html and "Загрузить свой" in html
    assert response.context["scope"].organisation == world.school


def test_builtin_template_keeps_its_tags(world: World) -> None:
    response = world.client_for("director").get(reverse("documents:template_builtin", args=["order"]))
    document = Document(io.BytesIO(_body(response)))
    texts = [p.text for p in document.paragraphs]
    assert "{{ order.title }}" in texts and "ПРИКАЗ" in texts
    cells = [c.text for row in document.tables[-1].rows for c in row.cells]
    assert "{%tr for p in pairs %}" in cells and "{{ p.mentor }}" in cells and "{%tr endfor %}" in cells
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_custom_template_is_used_for_the_school_only(world: World) -> None:
    order = _order(world)
    response = _upload(world.client_for("director"), _docx_with(*CUSTOM))
    assert "Шаблон «Приказ о закреплении наставнических пар (групп)» загружен" in response.content.decode()
    assert _order_texts(world, "curator", order) == ["СВОЙ ПРИКАЗ 45-од от 15.12.2026", "Пар: 1"]
    current = world.client_for("curator").get(reverse("documents:template_current", args=["order"]))
    assert _texts(_body(current)) == list(CUSTOM)
    other = _other_order(world)
    assert "ПРИКАЗ" in _order_texts(world, "admin", other)  # the other school keeps the built-in one


def test_a_second_upload_replaces_the_first(world: World) -> None:
    client = world.client_for("curator")
    _upload(client, _docx_with("Первый {{ order.number }}"))
    first = DocumentTemplate.objects.get().file.name
    _upload(client, _docx_with("Второй {{ order.number }}"))
    template = DocumentTemplate.objects.get()
    assert _texts(template.file.read()) == ["Второй {{ order.number }}"]
    assert not template.file.storage.exists(first) or first == template.file.name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("prikaz.txt", b"{{ order.number }}", "Шаблон должен быть файлом Word .docx"),
        ("prikaz.doc", b"\xd0\xcf\x11\xe0 old word", "Шаблон должен быть файлом Word .docx"),
        ("prikaz.docx", b"not a zip at all", "не документ DOCX"),
        ("prikaz.docx", b"PK\x03\x04 broken zip", "Документ по этому шаблону не собирается"),
        ("prikaz.docx", _docx_with("{{ order.number "), "Документ по этому шаблону не собирается"),
        ("prikaz.docx", _docx_with("{% if order.number %}без конца"), "Документ по этому шаблону не собирается"),
        ("prikaz.docx", _docx_with("{{ order.number | no_such_filter }}"), "Документ по этому шаблону не собирается"),
    ],
)
def test_upload_refusals_are_russian_and_save_nothing(world: World, name: str, data: bytes, message: str) -> None:
    response = _upload(world.client_for("curator"), data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_too_large_upload_names_the_limit(world: World, settings: Any) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = _upload(world.client_for("curator"), _docx_with("x" * 5000))
    assert "Файл больше 1 КБ" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_missing_file_is_refused(world: World) -> None:
    response = world.client_for("curator").post(reverse("documents:template_upload", args=["order"]))
    assert response.status_code == 400 and "Выберите файл шаблона .docx." in response.content.decode()


def test_reset_returns_to_the_builtin_and_removes_the_file(world: World) -> None:
    order = _order(world)
    client = world.client_for("curator")
    _upload(client, _docx_with(*CUSTOM))
    stored = DocumentTemplate.objects.get()
    path = Path(stored.file.path)
    assert path.exists()
    response = client.post(reverse("documents:template_reset", args=["order"]), follow=True)
    assert "теперь используется встроенный шаблон" in response.content.decode()
    assert not DocumentTemplate.objects.exists() and not path.exists()
    assert "ПРИКАЗ" in _order_texts(world, "curator", order)


def test_platform_template_applies_to_all_and_an_own_one_wins(world: World) -> None:
    order = _order(world)
    other = _other_order(world)
    admin = world.client_for("admin")
    _upload(admin, _docx_with("ОБЩИЙ {{ organisation.short_name }}"))
    assert DocumentTemplate.objects.get().organisation is None
    assert _order_texts(world, "curator", order) == [f"ОБЩИЙ {world.school.short_name}"]
    assert _order_texts(world, "other_curator", other) == [f"ОБЩИЙ {world.other_school.short_name}"]
    _upload(world.client_for("director"), _docx_with("СВОЙ"))
    assert _order_texts(world, "curator", order) == ["СВОЙ"]
    assert _order_texts(world, "other_curator", other) == [f"ОБЩИЙ {world.other_school.short_name}"]


def test_an_upload_for_a_district_applies_to_its_schools(world: World) -> None:
    order = _order(world)
    _upload(world.client_for("admin"), _docx_with("РАЙОН"), org=world.district.pk)
    assert DocumentTemplate.objects.get().organisation == world.district
    assert _order_texts(world, "curator", order) == ["РАЙОН"]
    page = world.client_for("curator").get(reverse("documents:templates")).content.decode()
    assert f"Шаблон организации «{world.district.short_name}»" in page
    other = _other_order(world)
    assert "РАЙОН" not in _order_texts(world, "admin", other)


def test_a_broken_custom_template_does_not_break_the_order_page(world: World) -> None:
    order = _order(world)
    DocumentTemplate.objects.create(
        kind="order", organisation=world.school, file=SimpleUploadedFile("bad.docx", b"not a docx")
    )
    response = world.client_for("curator").get(reverse("pairs:order_docx", args=[order.pk]), follow=True)
    assert response.status_code == 200
    assert "Не удалось собрать документ по шаблону организации" in response.content.decode()


def test_other_schools_curator_sees_only_its_own_scope(world: World) -> None:
    client = world.client_for("other_curator")
    assert client.get(reverse("documents:templates")).context["scope"].organisation == world.other_school
    assert client.get(reverse("documents:templates") + f"?org={world.school.pk}").status_code == 404
    response = _upload(client, _docx_with("ЧУЖОЙ"), org=world.school.pk)
    assert response.status_code == 404 and not DocumentTemplate.objects.exists()
    reset = client.post(reverse("documents:template_reset", args=["order"]), {"org": world.school.pk})
    assert reset.status_code == 404


def test_unknown_kind_and_bad_org_are_404(world: World) -> None:
    client = world.client_for("director")
    assert client.get(reverse("documents:template_builtin", args=["no-such-kind"])).status_code == 404
    assert client.get(reverse("documents:templates") + "?org=abc").status_code == 404
    assert client.get(reverse("documents:templates") + "?org=999999").status_code == 404


def test_a_director_of_two_schools_chooses_the_scope(world: World) -> None:
    from nastavnik.orgs.models import Membership, Role

    Membership.objects.create(person=world.people["director"], organisation=world.other_school, role=Role.DIRECTOR)
    make_programme(world.other_school)
    client = world.client_for("director")
    page = client.get(reverse("documents:templates") + f"?org={world.other_school.pk}")
    assert page.context["scope"].organisation == world.other_school
    assert f'value="{world.other_school.pk}" selected' in page.content.decode()
    _upload(client, _docx_with("ВТОРАЯ"), org=world.other_school.pk)
    assert DocumentTemplate.objects.get().organisation == world.other_school


def test_sample_context_has_every_tag_the_builtin_uses() -> None:
    from nastavnik.documents.rendering import render_template_bytes

    data = render_template_bytes(builtin_order.build_template("order"), builtin_order.sample_context("order"))
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert not [t for t in texts if "{{" in t or "{%" in t]
    assert "Соколова Вера Ильинична, Морозов Глеб Петрович" in texts
