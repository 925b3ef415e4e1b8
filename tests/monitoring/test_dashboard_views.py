"""Dashboard pages and drill-downs: what each user sees, links, isolation, bad input, bounded lists."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import AcademicYear, OrganisationKind, Role
from nastavnik.pairs import services
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.programmes.models import MentoringFormat
from tests.clock import TODAY
from tests.conftest import World
from tests.factories import OrganisationFactory, make_mentee_entry, make_mentor_entry, make_person

YEAR = AcademicYear.start_year_for(TODAY)


def _url(name: str, org_pk: int, **params: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"year": YEAR, **params}.items())
    return f"{reverse(name, kwargs={'org_pk': org_pk})}?{query}"


def _get(world: World, role: str, name: str, org_pk: int, **params: Any) -> Any:
    return world.client_for(role).get(_url(name, org_pk, **params))


def _confirmed_pair(world: World, scheme: str = Scheme.APPOINTMENT) -> Pair:
    MentorEntry.objects.filter(pk=world.mentor_entry.pk).update(admission=Admission.ADMITTED)
    pair = services.propose(world.mentor_entry, [world.mentee_entry], scheme, None)
    services.confirm(pair, None)
    pair.refresh_from_db()
    return pair


def _links(html: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in re.findall(r'href="(/monitoring/\d+/dashboard/drill/[^"]+)"', html)]


def test_the_curator_sees_the_schools_dashboard_with_charts_and_drill_links(world: World) -> None:
    _confirmed_pair(world)
    response = _get(world, "curator", "monitoring:dashboard", world.school.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Мониторинг наставничества" in html and "vendor/chartjs/chart.umd.min.js" in html
    assert html.count("<canvas data-dashboard=") >= 3
    assert "Результаты по способу формирования пар" in html and "Этап 1. Качество процесса" in html
    assert "Карта наставников района" not in html  # a school's page
    links = _links(html)
    assert links, "every count links to the list behind it"
    client = world.client_for("curator")
    for link in sorted(set(links)):
        assert client.get(link).status_code == 200, link


def test_a_district_page_has_a_row_per_organisation_a_total_and_the_mentor_map(world: World) -> None:
    _confirmed_pair(world)
    second = OrganisationFactory(parent=world.district)
    response = _get(world, "district", "monitoring:dashboard", world.district.pk)
    html = response.content.decode()
    assert response.status_code == 200
    table = html[html.index('id="rollup"') : html.index("</table>", html.index('id="rollup"'))]
    assert world.school.short_name in table and second.short_name in table and "Итого" in table
    assert world.other_school.short_name not in html
    assert f"{reverse('district:map')}?territory={world.district.pk}" in html
    assert reverse("monitoring:dashboard", kwargs={"org_pk": world.school.pk}) in table
    assert response.context["data"].total.pairs.formed == 1


def test_the_region_page_rolls_up_districts(world: World) -> None:
    _confirmed_pair(world)
    data = _get(world, "region", "monitoring:dashboard", world.region.pk).context["data"]
    assert [row.organisation.pk for row in data.rows] == [world.district.pk, world.other_district.pk]
    assert data.rows[0].figures.pairs.formed == 1 and data.rows[1].figures.pairs.formed == 0
    assert data.total.pairs.formed == 1


@pytest.mark.parametrize(
    ("role", "org", "status"),
    [
        ("other_district", "district", 404),
        ("other_district", "school", 404),
        ("district", "other_district", 404),
        ("district", "other_school", 404),
        ("curator", "district", 404),
        ("other_curator", "school", 404),
        ("teacher", "school", 403),
        ("region", "other_school", 200),
    ],
)
def test_another_districts_numbers_and_drill_downs_are_not_found(
    world: World, role: str, org: str, status: int
) -> None:
    target = getattr(world, org)
    assert _get(world, role, "monitoring:dashboard", target.pk).status_code == status
    assert _get(world, role, "monitoring:drill", target.pk, kind="pairs", view="formed").status_code == status
    assert _get(world, role, "monitoring:drill", target.pk, kind="people", view="students_in").status_code == status


def test_the_entry_point_opens_the_widest_organisation_of_the_user(world: World) -> None:
    expected = {
        "region": world.region,
        "district": world.district,
        "curator": world.school,
        "other_curator": world.other_school,
    }
    for role, org in expected.items():
        response = world.client_for(role).get(reverse("monitoring:dashboard_home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("monitoring:dashboard", kwargs={"org_pk": org.pk}))
    chosen = world.client_for("district").get(
        f"{reverse('monitoring:dashboard_home')}?org={world.school.pk}&year={YEAR}"
    )
    assert chosen["Location"].startswith(reverse("monitoring:dashboard", kwargs={"org_pk": world.school.pk}))
    outside = world.client_for("district").get(f"{reverse('monitoring:dashboard_home')}?org={world.other_school.pk}")
    assert outside.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"year": "1999"},
        {"year": "abc"},
        {"form": "999999"},
        {"form": "x"},
        {"kind": "secrets"},
        {"kind": "pairs", "view": "all"},
        {"kind": "pairs", "view": "formed", "scheme": "lottery"},
        {"kind": "people", "view": "formed"},
    ],
)
def test_bad_parameters_are_not_found_never_a_server_error(world: World, params: dict[str, str]) -> None:
    name = "monitoring:drill" if "kind" in params else "monitoring:dashboard"
    query = "&".join(f"{k}={v}" for k, v in params.items())
    url = f"{reverse(name, kwargs={'org_pk': world.school.pk})}?{query}"
    assert world.client_for("curator").get(url).status_code == 404


def test_a_year_written_as_on_the_indicator_page_is_accepted(world: World) -> None:
    url = f"{reverse('monitoring:dashboard', kwargs={'org_pk': world.school.pk})}?year={YEAR}/{YEAR + 1}"
    assert world.client_for("curator").get(url).status_code == 200


def test_drill_down_lists_the_pairs_behind_a_scheme_and_state(world: World) -> None:
    appointed = _confirmed_pair(world)
    other_pupil = make_person(world.school, Role.STUDENT)
    questioned = services.propose(
        world.mentor_entry, [make_mentee_entry(other_pupil, world.programme)], Scheme.QUESTIONNAIRE, None
    )
    response = _get(
        world, "curator", "monitoring:drill", world.school.pk, kind="pairs", view="formed", scheme="appointment"
    )
    assert [p.pk for p in response.context["object_list"]] == [appointed.pk]
    assert reverse("pairs:detail", args=[appointed.pk]) in response.content.decode()
    proposed = _get(world, "curator", "monitoring:drill", world.school.pk, kind="pairs", view="proposed")
    assert [p.pk for p in proposed.context["object_list"]] == [questioned.pk]
    # One programme in the school: the same list on the board of pairs.
    assert f"{reverse('pairs:board')}?programme={world.programme.pk}&amp;status=proposed" in proposed.content.decode()


def test_drill_down_of_people_in_mentoring(world: World) -> None:
    _confirmed_pair(world)
    make_person(world.school, Role.STUDENT)  # not in mentoring
    students = _get(world, "district", "monitoring:drill", world.district.pk, kind="people", view="students_in")
    assert [p.pk for p in students.context["object_list"]] == [world.people["mentee"].pk]
    teachers = _get(world, "district", "monitoring:drill", world.district.pk, kind="people", view="teachers_in")
    assert [p.pk for p in teachers.context["object_list"]] == [world.people["mentor"].pk]
    everyone = _get(world, "district", "monitoring:drill", world.district.pk, kind="people", view="students")
    assert everyone.context["total_count"] == 2
    # The other district's pupil is never listed, even on the region's list it is counted apart.
    assert world.people["other_student"].pk not in {p.pk for p in everyone.context["object_list"]}


def test_the_form_filter_reaches_the_drill_down(world: World) -> None:
    _confirmed_pair(world)
    other_form = MentoringFormat.objects.exclude(pk=world.programme.forms.first().form_id).first()  # type: ignore[union-attr]
    assert other_form is not None
    html = _get(world, "curator", "monitoring:dashboard", world.school.pk, form=other_form.pk).content.decode()
    assert f"form={other_form.pk}" in _links(html)[0]
    listed = _get(
        world, "curator", "monitoring:drill", world.school.pk, kind="pairs", view="formed", form=other_form.pk
    )
    assert listed.context["total_count"] == 0


def test_drill_down_lists_are_paginated_with_bounded_queries(world: World, django_assert_max_num_queries: Any) -> None:
    def add_pairs(count: int) -> None:
        for _ in range(count):
            mentor = make_mentor_entry(make_person(world.school, Role.TEACHER), world.programme, capacity=2)
            pupil = make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
            Pair.objects.create(
                programme=world.programme, mentor=mentor, scheme=Scheme.APPOINTMENT, status=PairStatus.ACTIVE
            ).members.create(mentee=pupil)

    add_pairs(3)
    client = world.client_for("district")
    url = _url("monitoring:drill", world.district.pk, kind="pairs", view="working")
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    add_pairs(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["total_count"] == 43 and len(response.context["object_list"]) < 43


def test_the_indicator_page_links_to_the_dashboard(world: World) -> None:
    html = world.client_for("curator").get(_url("monitoring:indicators", world.school.pk)).content.decode()
    assert reverse("monitoring:dashboard", kwargs={"org_pk": world.school.pk}) in html


def test_a_territory_without_children_or_data_renders(world: World) -> None:
    empty = OrganisationFactory(kind=OrganisationKind.DISTRICT, parent=world.region)
    response = _get(world, "region", "monitoring:dashboard", empty.pk)
    assert response.status_code == 200 and response.context["data"].rows == []


def test_the_organisation_selector_lists_what_the_user_reads_indented_escaped_and_current_selected(
    world: World,
) -> None:
    world.other_school.short_name = "Школа <№ 7> & «Лицей»"
    world.other_school.save()
    for name in ("monitoring:dashboard", "monitoring:indicators"):
        html = _get(world, "district", name, world.district.pk).content.decode()
        select = html[html.index('<select name="org">') : html.index("</select>", html.index('<select name="org">'))]
        options = re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', select)
        assert [(int(pk), bool(chosen)) for pk, chosen, _ in options] == [
            (world.district.pk, True),
            (world.school.pk, False),
        ]  # the district's own subtree: not the region, not the other district's school
        labels = [label for _, _, label in options]
        assert labels == [f"— {world.district.short_name}", f"— — {world.school.short_name}"]
        region = _get(world, "region", name, world.region.pk).content.decode()
        assert f'<option value="{world.other_school.pk}">— — Школа &lt;№ 7&gt; &amp; «Лицей»</option>' in region
        assert f'<option value="{world.region.pk}" selected>' in region
