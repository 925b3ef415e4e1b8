"""Numbers beyond the database's 64-bit range: an id in the path is 404, a query parameter a Russian 400."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from nastavnik.common.middleware import out_of_range
from nastavnik.orgs.models import Role
from tests.conftest import World
from tests.factories import OrganisationFactory, make_person

HUGE = 99999999999999999999999


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _with_int_ids() -> dict[str, URLPattern]:
    return {
        name: pattern
        for name, pattern in _patterns(get_resolver())
        if not name.startswith("admin:")
        and any(isinstance(c, IntConverter) for c in pattern.pattern.converters.values())  # type: ignore[attr-defined]
    }


def _kwargs(pattern: URLPattern) -> dict[str, Any]:
    """Every int converter gets the overflowing id; others a value of their own shape."""
    values: dict[str, Any] = {}
    for key, converter in pattern.pattern.converters.items():  # type: ignore[attr-defined]
        if isinstance(converter, IntConverter):
            values[key] = HUGE
        elif isinstance(converter, UUIDConverter):
            values[key] = uuid.uuid4()
        else:
            values[key] = "x"
    return values


@pytest.fixture
def curator(db: None) -> Client:
    school = OrganisationFactory()
    client = Client()
    client.force_login(make_person(school, Role.CURATOR, username="curator").user)  # type: ignore[arg-type]
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("name", sorted(_with_int_ids()))
def test_an_overflowing_id_in_the_path_is_404(curator: Client, name: str) -> None:
    # The guard answers before the view, so POST-only views are 404 too (not 405).
    assert curator.get(reverse(name, kwargs=_kwargs(_with_int_ids()[name]))).status_code == 404


def test_the_walk_covers_the_pages_of_every_app() -> None:
    apps = {name.split(":")[0] for name in _with_int_ids() if ":" in name}
    assert {"people", "bases", "pairs", "surveys", "programmes", "practices", "monitoring"} <= apps


LIST_FILTERS = [
    ("surveys:list", "organisation"),
    ("people:list", "organisation"),
    ("people:list", "page"),
    ("bases:mentor_list", "programme"),
    ("bases:mentee_list", "programme"),
    ("bases:mentee_list", "year"),
    ("pairs:board", "programme"),
    ("pairs:board", "page"),
    ("pairs:nudges", "programme"),
    ("practices:list", "form"),
    ("practices:list", "organisation"),
    ("practices:create", "pair"),
    ("programmes:list", "year"),
    ("monitoring:home", "year"),
    ("monitoring:home", "org"),
    ("monitoring:dashboard_home", "year"),
    ("monitoring:dashboard_home", "form"),
    ("monitoring:dashboard_home", "org"),
    ("documents:templates", "org"),
    ("audit", "page"),
]


@pytest.mark.parametrize("value", [str(HUGE), f"{HUGE}/2027", f"-{HUGE}"])
def test_overflowing_list_filters_answer_a_russian_400_never_500(world: World, value: str) -> None:
    answers = {}
    for role in ("curator", "admin"):
        client = world.client_for(role)
        client.raise_request_exception = False
        for name, param in LIST_FILTERS:
            answers[(role, name, param)] = client.get(reverse(name), {param: value})
    assert {key: r.status_code for key, r in answers.items() if r.status_code != 400} == {}
    page = answers[("curator", "surveys:list", "organisation")].content.decode()
    assert "Неверный параметр запроса «organisation»: число слишком большое." in page


def test_numbers_in_range_still_filter(world: World) -> None:
    client = world.client_for("curator")
    assert client.get(reverse("surveys:list"), {"organisation": str(2**63 - 1)}).status_code == 200
    assert client.get(reverse("people:list"), {"organisation": str(world.school.pk)}).status_code == 200


@pytest.mark.parametrize(
    ("text", "overflows"),
    [
        ("9223372036854775807", False),
        ("9223372036854775808", True),
        ("-9223372036854775808", False),
        ("-9223372036854775809", True),
        (" 99999999999999999999999 ", True),
        ("2026", False),
        ("Иванов 99999999999999999999999", False),
        ("", False),
    ],
)
def test_out_of_range_is_about_whole_integers(text: str, overflows: bool) -> None:
    assert out_of_range(text) is overflows
