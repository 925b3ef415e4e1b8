"""Uploaded DOCX templates are code: hostile ones are refused before anything runs, renders are sandboxed."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from nastavnik.documents import rendering
from nastavnik.documents.models import DocumentTemplate
from nastavnik.documents.sandbox import TemplateError
from tests.conftest import World

MARKER = Path("/tmp/nastavnik-sandbox-marker")
TOUCH = f"'touch {MARKER}'"

HOSTILE = [
    "{{ cycler.__init__.__globals__.os.popen(" + TOUCH + ").read() }}",
    "{{ joiner.__init__.__globals__.os.popen(" + TOUCH + ").read() }}",
    "{{ namespace.__init__.__globals__.os.popen(" + TOUCH + ").read() }}",
    "{{ lipsum.__globals__['os'].popen(" + TOUCH + ").read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}",
    "{{ request|attr('__class__') }}",
    "{{ order|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{% set x = cycler.__init__.__globals__ %}{{ x.os.popen(" + TOUCH + ").read() }}",
    "{{ config.__class__.__init__.__globals__['os'].popen(" + TOUCH + ").read() }}",
    "{{ range.__init__.__globals__ }}",
    "{{ '{0.__class__}'.format(order) }}",
    "{{ order['__class__'] }}",
    "{{ order|map(attribute='__class__')|list }}",
    "{% set ns = namespace() %}{{ ns.__init__.__globals__ }}",
    "{{ order|attr(order.number) }}",
]
INTERNALS = "обращается к служебным атрибутам"


def _docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_marker() -> None:
    MARKER.unlink(missing_ok=True)


def _upload(world: World, data: bytes) -> Any:
    url = reverse("documents:template_upload", args=["order"])
    return world.client_for("curator").post(url, {"file": SimpleUploadedFile("prikaz.docx", data)})


@pytest.mark.parametrize("payload", HOSTILE)
def test_a_hostile_upload_is_refused_names_the_field_and_runs_nothing(
    world: World, payload: str, settings: Any, tmp_path: Path
) -> None:
    response = _upload(world, _docx("ПРИКАЗ № {{ order.number }}", payload))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Шаблон не подходит: поле «" in html and "атрибут" in html
    assert not MARKER.exists()
    assert django_settings.SECRET_KEY not in html
    assert not DocumentTemplate.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.docx"))


def test_the_refusal_quotes_the_field_as_written(world: World) -> None:
    html = _upload(world, _docx("Текст", "{{ cycler.__init__.__globals__ }}")).content.decode()
    assert "поле «{{ cycler.__init__.__globals__ }}» обращается к служебным атрибутам" in html


@pytest.mark.parametrize("payload", HOSTILE)
def test_check_template_refuses_every_payload(payload: str) -> None:
    with pytest.raises(TemplateError, match="Шаблон не подходит: поле «"):
        rendering.check_template("order", _docx(payload))
    assert not MARKER.exists()


def test_a_payload_in_a_header_is_refused_too() -> None:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "{{ cycler.__init__.__globals__ }}"
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(TemplateError, match=f"{INTERNALS} \\(верхний колонтитул\\)"):
        rendering.check_template("order", out.getvalue())


def test_a_payload_in_the_document_properties_is_refused() -> None:
    document = Document()
    document.core_properties.title = "{{ ''.__class__.__mro__ }}"
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(TemplateError, match=f"{INTERNALS} \\(свойства документа\\)"):
        rendering.check_template("order", out.getvalue())


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.popen(" + TOUCH + ").read() }}",
        "{% set x = joiner.__init__.__globals__ %}{{ x.os.popen(" + TOUCH + ").read() }}",
        "{{ lipsum.__globals__['os'].popen(" + TOUCH + ").read() }}",
    ],
)
def test_a_stored_hostile_template_renders_in_the_sandbox_as_a_russian_error(payload: str) -> None:
    # A template stored before the upload check existed reaches render_docx directly.
    with pytest.raises(TemplateError, match=INTERNALS) as caught:
        rendering.render_template_bytes(_docx(payload), {"order": {"number": "7"}})
    assert not MARKER.exists()
    assert django_settings.SECRET_KEY not in str(caught.value)


def test_the_sandbox_itself_stops_a_payload_the_static_check_never_sees() -> None:
    from nastavnik.documents.sandbox import Source, make_env, render_source

    source = Source("основной текст", "{{ cycler.__init__.__globals__.os.popen(" + TOUCH + ").read() }}")
    with pytest.raises(TemplateError, match="обращается к служебным атрибутам или слишком велико"):
        render_source(make_env(), source, {})
    assert not MARKER.exists()


@pytest.mark.parametrize("payload", ["{{ 'x' * 1000000000 }}", "{{ 99 ** 999 ** 9 }}"])
def test_huge_values_are_refused_not_computed(payload: str) -> None:
    with pytest.raises(TemplateError, match="слишком велико"):
        rendering.check_template("order", _docx(payload))


def test_an_ordinary_error_names_the_field_and_no_value(world: World) -> None:
    secret_context = {"order": {"number": "СЕКРЕТ-123"}}
    with pytest.raises(TemplateError) as caught:
        rendering.render_template_bytes(_docx("{{ order.number + 1 }}"), secret_context)
    message = str(caught.value)
    assert "поле «{{ order.number + 1 }}» не вычисляется с данными документа" in message
    assert "СЕКРЕТ" not in message and "str" not in message


def test_an_unknown_filter_names_its_own_field() -> None:
    with pytest.raises(TemplateError, match=re.escape("поле «{{ order.number | nope }}» записано с ошибкой")):
        rendering.check_template("order", _docx("{{ order.number }} {{ order.number | nope }}"))


def test_settings_are_not_reachable_from_a_template() -> None:
    with pytest.raises(TemplateError, match="ссылается на данные, которых в документе нет") as caught:
        rendering.check_template("order", _docx("{{ settings.SECRET_KEY }}"))
    assert django_settings.SECRET_KEY not in str(caught.value)


@pytest.mark.parametrize("kind", sorted(rendering.BUILTIN))
def test_every_builtin_template_passes_the_check_and_renders_in_the_sandbox(kind: str) -> None:
    rendering.check_template(kind, rendering.builtin_template(kind))


def test_a_stored_hostile_template_on_the_order_page_is_a_message_not_a_500(world: World) -> None:
    from tests.documents.test_templates import _order

    order = _order(world)
    data = _docx("{{ cycler.__init__.__globals__.os.popen(" + TOUCH + ").read() }}")
    DocumentTemplate.objects.create(kind="order", organisation=world.school, file=SimpleUploadedFile("evil.docx", data))
    response = world.client_for("curator").get(reverse("pairs:order_docx", args=[order.pk]), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and INTERNALS in html
    assert not MARKER.exists() and django_settings.SECRET_KEY not in html


@pytest.mark.parametrize("name", ["programmes:passport_docx", "programmes:roadmap_docx"])
def test_a_stored_template_that_fails_on_a_view_without_its_own_handling_is_a_russian_page(
    world: World, name: str
) -> None:
    kind = "programme" if name == "programmes:passport_docx" else "roadmap"
    data = _docx("{{ lipsum.__globals__['os'].popen(" + TOUCH + ").read() }}")
    DocumentTemplate.objects.create(kind=kind, organisation=world.school, file=SimpleUploadedFile("evil.docx", data))
    response = world.client_for("curator").get(reverse(name, args=[world.programme.pk]))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Документ не собирается по шаблону" in html and INTERNALS in html
    assert not MARKER.exists() and django_settings.SECRET_KEY not in html
