"""Content-Security-Policy: only our own origin, and no page carries inline script code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.matching.models import Scheme
from nastavnik.pairs import services
from tests.conftest import World

SOURCE = Path(__file__).resolve().parents[2] / "src" / "nastavnik"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
# An inline handler: an on...= attribute inside a tag (not text such as "person=").
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """Script tags that would run inline code: no src and not a JSON data block."""
    return [attrs for attrs in SCRIPT_TAG.findall(html) if "src=" not in attrs and "application/json" not in attrs]


def directives(header: str) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def dashboard_html(world: World) -> tuple[str, str]:
    cache.clear()
    MentorEntry.objects.filter(pk=world.mentor_entry.pk).update(admission=Admission.ADMITTED)
    pair = services.propose(world.mentor_entry, [world.mentee_entry], Scheme.QUESTIONNAIRE, None)
    services.confirm(pair, None)
    response = world.client_for("curator").get(reverse("monitoring:dashboard", kwargs={"org_pk": world.school.pk}))
    assert response.status_code == 200
    return response["Content-Security-Policy"], response.content.decode()


def test_the_chart_page_sends_a_policy_of_our_own_origin_only(dashboard_html: tuple[str, str]) -> None:
    header, html = dashboard_html
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "<canvas data-dashboard=" in html


def test_the_chart_page_has_no_inline_script_and_no_inline_handler(dashboard_html: tuple[str, str]) -> None:
    _, html = dashboard_html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert inline_scripts(html) == []
    assert HANDLER.findall(html) == []


def test_htmx_is_told_not_to_inject_its_indicator_styles(dashboard_html: tuple[str, str]) -> None:
    _, html = dashboard_html
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html


@pytest.mark.django_db
def test_the_login_page_also_sends_the_policy(client: Client) -> None:
    response = client.get(reverse("login"))
    assert directives(response["Content-Security-Policy"])["default-src"] == ["'self'"]


def templates() -> list[Path]:
    return sorted(SOURCE.rglob("templates/**/*.html"))


def test_no_template_has_inline_script_code_or_handlers() -> None:
    """Inline code is refused by the policy in the browser; keep every template free of it."""
    offenders = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        if inline_scripts(text) or HANDLER.search(text):
            offenders.append(str(path.relative_to(SOURCE)))
    assert len(templates()) > 50
    assert offenders == []


def test_the_check_catches_inline_code() -> None:
    assert inline_scripts("<script>alert(1)</script>") == [""]
    assert inline_scripts('<script src="/static/a.js" defer></script>') == []
    assert inline_scripts('<script id="d" type="application/json">{}</script>') == []
    assert HANDLER.findall('<button type="button" onclick="go()">') != []
    assert HANDLER.findall("<p>person=1 reason=2</p>") == []
