"""Breadcrumbs link only to pages the reader can open."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.conftest import World


def _breadcrumb(html: str) -> str:
    match = re.search(r'<nav aria-label="breadcrumb">(.*?)</nav>', html, re.S)
    assert match, "the page has no breadcrumb"
    return match.group(1)


def test_the_curators_school_page_names_region_and_district_without_links(world: World) -> None:
    response = world.client_for("curator").get(reverse("orgs:detail", args=[world.school.pk]))
    crumbs = _breadcrumb(response.content.decode())
    assert world.region.short_name in crumbs
    assert world.district.short_name in crumbs
    assert reverse("orgs:detail", args=[world.region.pk]) not in crumbs
    assert reverse("orgs:detail", args=[world.district.pk]) not in crumbs
    assert "<a " not in crumbs


def test_the_region_coordinator_gets_links_to_region_and_district(world: World) -> None:
    response = world.client_for("region").get(reverse("orgs:detail", args=[world.school.pk]))
    crumbs = _breadcrumb(response.content.decode())
    assert f'href="{reverse("orgs:detail", args=[world.region.pk])}"' in crumbs
    assert f'href="{reverse("orgs:detail", args=[world.district.pk])}"' in crumbs


def test_the_district_coordinator_links_the_district_but_not_the_region(world: World) -> None:
    response = world.client_for("district").get(reverse("orgs:detail", args=[world.school.pk]))
    crumbs = _breadcrumb(response.content.decode())
    assert f'href="{reverse("orgs:detail", args=[world.district.pk])}"' in crumbs
    assert reverse("orgs:detail", args=[world.region.pk]) not in crumbs
    assert world.region.short_name in crumbs
