"""The district mentor map: numbers of a hand-built district, scoping by role, drill-down, bounded queries."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.district.mentor_map import MentorMap
from nastavnik.orgs.models import Role
from nastavnik.programmes.models import MentoringFormat
from tests.district.conftest import District, admitted
from tests.factories import OrganisationFactory, make_mentee_entry, make_mentor_entry, make_person, make_programme

TEACHERS = "Учитель – учитель (педагог – педагог)"


def _map(district: District, role: str, **params: Any) -> MentorMap:
    response = district.world.client_for(role).get(reverse("district:map"), params)
    assert response.status_code == 200
    return response.context["map"]  # type: ignore[no-any-return]


def _rows(found: MentorMap) -> dict[str, tuple[int, int, int, int]]:
    return {
        row.label: (row.total.mentors, row.total.free_seats, row.total.waiting, row.total.balance) for row in found.rows
    }


def test_the_district_map_counts_free_seats_and_waiting_requests_per_organisation(district: District) -> None:
    found = _map(district, "district")
    school_a = district.world.school.short_name
    assert _rows(found) == {school_a: (2, 4, 3, 1), "СОШ Б": (1, 1, 0, 1)}
    assert (found.total.mentors, found.total.free_seats, found.total.waiting, found.total.balance) == (3, 5, 3, 2)


def test_the_map_splits_the_numbers_by_form_of_mentoring(district: District) -> None:
    found = _map(district, "district")
    by_form = {line.name: (line.cell.mentors, line.cell.free_seats, line.cell.waiting) for line in found.forms}
    assert by_form == {"Ученик – ученик": (2, 4, 2), TEACHERS: (1, 1, 1)}
    row_a = next(row for row in found.rows if row.organisation == district.world.school)
    assert [(line.name, line.cell.free_seats, line.cell.waiting) for line in row_a.forms] == [
        ("Ученик – ученик", 4, 2),
        (TEACHERS, 0, 1),
    ]


def test_the_form_filter_keeps_one_form(district: District) -> None:
    teacher_form = MentoringFormat.objects.get(code="teacher_teacher")
    found = _map(district, "district", form=teacher_form.pk)
    assert _rows(found) == {district.world.school.short_name: (0, 0, 1, -1), "СОШ Б": (1, 1, 0, 1)}


def test_the_year_filter_shows_last_year_only(district: District) -> None:
    year = district.world.programme.academic_year.start_year - 1
    assert _rows(_map(district, "district", year=year)) == {district.world.school.short_name: (0, 0, 1, -1)}


def test_a_negative_balance_is_shown_in_red(district: District) -> None:
    page = district.world.client_for("district").get(reverse("district:map"), {"year": 0}).status_code
    assert page == 400  # an unknown year is a bad request, not an empty map
    teacher_form = MentoringFormat.objects.get(code="teacher_teacher")
    response = district.world.client_for("district").get(reverse("district:map"), {"form": teacher_form.pk})
    assert '<span class="badge bad" title="свободные места − запросы">-1</span>' in response.content.decode()


def test_the_region_coordinator_sees_both_districts(district: District) -> None:
    rows = _rows(_map(district, "region"))
    assert rows[district.world.other_school.short_name] == (0, 0, 1, -1)
    assert len(rows) == 3


def test_a_district_coordinator_does_not_see_another_district(district: District) -> None:
    rows = _rows(_map(district, "other_district"))
    assert rows == {district.world.other_school.short_name: (0, 0, 1, -1)}
    client = district.world.client_for("other_district")
    assert client.get(reverse("district:map"), {"territory": district.world.district.pk}).status_code == 404
    assert client.get(reverse("district:organisation", args=[district.world.school.pk])).status_code == 404


def test_a_school_curator_sees_only_the_own_organisation_row(district: District) -> None:
    found = _map(district, "curator")
    # The district programme is the district's: the curator's own programmes only.
    assert _rows(found) == {district.world.school.short_name: (2, 4, 2, 2)}
    response = district.world.client_for("curator").get(reverse("district:map"))
    assert "Программы района" not in response.content.decode()
    assert district.world.client_for("curator").get(reverse("district:map"), {"territory": 1}).status_code == 200


def test_an_entry_counts_for_the_organisation_of_its_person(district: District) -> None:
    found = _map(district, "district")
    row_b = next(row for row in found.rows if row.label == "СОШ Б")
    assert row_b.organisation == district.school_b  # the mentor is in the district programme, B is his school


def test_participants_from_another_territory_are_not_named(district: District) -> None:
    stranger = make_person(district.world.other_school, Role.TEACHER, experience_years=2)
    make_mentee_entry(stranger, district.district_programme)
    rows = _rows(_map(district, "district"))
    assert rows["Участники из других территорий"] == (0, 0, 1, -1)
    assert district.world.other_school.short_name not in rows


def test_the_drill_down_links_to_the_bases_filtered_by_programme(district: District) -> None:
    world = district.world
    response = world.client_for("district").get(reverse("district:organisation", args=[world.school.pk]))
    page = response.content.decode()
    year = world.programme.academic_year.start_year
    form = MentoringFormat.objects.get(code="student_student").pk
    assert f"/bases/mentees/?year={year}&amp;programme={world.programme.pk}&amp;status=waiting&amp;form={form}" in page
    assert f"/bases/mentors/?year={year}&amp;programme={world.programme.pk}&amp;admission=admitted" in page
    assert f"programme={district.district_programme.pk}&amp;status=waiting" in page
    # The link leads to the waiting mentees of the programme, as the district coordinator may read them.
    mentees = world.client_for("district").get(
        reverse("bases:mentee_list"), {"programme": world.programme.pk, "status": "waiting", "form": form}
    )
    assert mentees.context["total_count"] == 2


def test_the_drill_down_of_a_school_curator_shows_only_own_programmes(district: District) -> None:
    world = district.world
    response = world.client_for("curator").get(reverse("district:organisation", args=[world.school.pk]))
    assert response.status_code == 200
    assert f"programme={district.district_programme.pk}" not in response.content.decode()
    other = world.client_for("curator").get(reverse("district:organisation", args=[district.school_b.pk]))
    assert other.status_code == 404


def test_district_programmes_link_to_cross_organisation_matching(district: District) -> None:
    response = district.world.client_for("district").get(reverse("district:map"))
    page = response.content.decode()
    programme_form = district.district_programme.forms.get()
    assert reverse("pairs:questionnaire", args=[programme_form.pk]) in page
    assert reverse("district:cross_match", args=[programme_form.pk]) in page
    # The region coordinator reads the district programme but does not run it.
    region_page = district.world.client_for("region").get(reverse("district:map")).content.decode()
    assert district.district_programme.title in region_page
    assert reverse("district:cross_match", args=[programme_form.pk]) not in region_page


def _add_schools(district: District, count: int) -> None:
    for n in range(count):
        school = OrganisationFactory(parent=district.world.district)
        programme = make_programme(school)
        for _ in range(3):
            admitted(make_mentor_entry(make_person(school, Role.STUDENT, grade=10), programme), capacity=2)
            make_mentee_entry(make_person(school, Role.STUDENT, grade=5), programme)
        if n % 2:
            make_mentee_entry(make_person(school, Role.TEACHER), district.district_programme)


def test_the_map_takes_a_bounded_number_of_queries(district: District, django_assert_max_num_queries: Any) -> None:
    client = district.world.client_for("district")
    _add_schools(district, 1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("district:map"))
    _add_schools(district, 12)
    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse("district:map"))
    assert len(response.context["map"].rows) == 15
    assert len(small) <= 23  # session, user, access (3), menu roles, filters, 4 for the map, district programmes


def test_the_nav_shows_the_district_item_to_coordinators_only(district: District) -> None:
    for role, shown in (("district", True), ("region", True), ("admin", True), ("curator", False), ("mentor", False)):
        page = district.world.client_for(role).get(reverse("home")).content.decode()
        assert (f'href="{reverse("district:map")}"' in page) is shown, role
