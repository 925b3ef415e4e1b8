from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.bases.models import Admission, MenteeEntry, MentorEntry
from nastavnik.orgs.models import Role
from nastavnik.programmes.models import ProblemCategory
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person, make_programme


def _request_data(world: World, person_pk: int, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "person": person_pk,
        "programme": world.programme.pk,
        "problems": [p.pk for p in ProblemCategory.objects.all()[:2]],
        "goal": "Научиться решать задачи по геометрии",
        "preferred_format": "offline",
        "activity": "passive",
        "referred_by": "teacher",
    }
    data.update(extra)
    return data


def test_curator_adds_a_mentee_with_a_request(world: World) -> None:
    student = make_person(world.school, Role.STUDENT, grade=6)
    response = world.client_for("curator").post(reverse("bases:mentee_create"), _request_data(world, student.pk))
    entry = MenteeEntry.objects.get(person=student)
    assert response.status_code == 302
    assert entry.problems.count() == 2 and entry.referred_by == "teacher"
    assert entry.created_by is not None and entry.created_by.username == "curator"


def test_a_person_without_consent_cannot_enter_a_base(world: World) -> None:
    student = make_person(world.school, Role.STUDENT, consent=False)
    response = world.client_for("curator").post(reverse("bases:mentee_create"), _request_data(world, student.pk))
    assert "нет согласия на обработку персональных данных" in response.content.decode()
    assert not MenteeEntry.objects.filter(person=student).exists()


def test_a_request_needs_a_problem_and_a_goal(world: World) -> None:
    student = make_person(world.school, Role.STUDENT)
    response = world.client_for("curator").post(
        reverse("bases:mentee_create"), _request_data(world, student.pk, problems=[], goal="")
    )
    page = response.content.decode()
    assert "Отметьте хотя бы одну проблему" in page
    assert "Опишите цель" in page
    assert not MenteeEntry.objects.filter(person=student).exists()


def test_the_same_person_cannot_enter_a_programme_base_twice(world: World) -> None:
    mentee = world.people["mentee"]
    response = world.client_for("curator").post(reverse("bases:mentee_create"), _request_data(world, mentee.pk))
    assert "уже есть в этой базе" in response.content.decode()
    assert MenteeEntry.objects.filter(person=mentee).count() == 1


def test_curator_cannot_put_a_student_of_another_school_into_the_base(world: World) -> None:
    other = world.people["other_student"]
    response = world.client_for("curator").post(reverse("bases:mentee_create"), _request_data(world, other.pk))
    assert response.status_code == 200
    assert not MenteeEntry.objects.filter(person=other, programme=world.programme).exists()


def test_mentee_list_filters_by_problem_status_and_grade(world: World) -> None:
    client = world.client_for("curator")
    problem = world.mentee_entry.problems.first()
    assert problem is not None
    by_problem = client.get(reverse("bases:mentee_list"), {"problem": problem.pk}).context["object_list"]
    assert [e.pk for e in by_problem] == [world.mentee_entry.pk]
    assert list(client.get(reverse("bases:mentee_list"), {"status": "matched"}).context["object_list"]) == []
    assert list(client.get(reverse("bases:mentee_list"), {"grade": "8"}).context["object_list"]) == []
    assert len(client.get(reverse("bases:mentee_list"), {"grade": "7"}).context["object_list"]) == 1


def _list_queries(client: object, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200  # type: ignore[attr-defined]
    return len(captured.captured_queries)


def test_base_lists_use_a_bounded_number_of_queries(world: World, django_assert_max_num_queries: object) -> None:
    client = world.client_for("region")
    urls = [reverse("bases:mentee_list"), reverse("bases:mentor_list")]
    small = [_list_queries(client, url) for url in urls]
    for n in range(30):
        programme = make_programme(world.school if n % 2 else world.other_school)
        make_mentee_entry(make_person(world.school, Role.STUDENT, grade=1 + n % 11), programme)
        make_mentor_entry(make_person(world.school, Role.TEACHER), programme)
    assert [_list_queries(client, url) for url in urls] == small  # more rows, programmes, orgs: same queries
    for url in urls:
        with django_assert_max_num_queries(16):  # type: ignore[operator]
            client.get(url)


def test_curator_rejects_a_mentor_with_a_reason(world: World) -> None:
    url = reverse("bases:mentor_decide", args=[world.mentor_entry.pk])
    client = world.client_for("curator")
    response = client.post(url, {"decision": Admission.REJECTED, "reason": ""})
    assert response.status_code == 400
    assert "Укажите причину отказа" in response.content.decode()
    client.post(url, {"decision": Admission.REJECTED, "reason": "Нет опыта работы с подростками"})
    world.mentor_entry.refresh_from_db()
    assert world.mentor_entry.admission == Admission.REJECTED
    assert world.mentor_entry.decided_by is not None and world.mentor_entry.decided_by.username == "curator"
    mentor_page = world.client_for("mentor").get(reverse("home")).content.decode()
    assert "Нет опыта работы с подростками" in mentor_page


def test_assessors_score_a_candidate_once_each(world: World) -> None:
    url = reverse("bases:mentor_assess", args=[world.mentor_entry.pk])
    world.client_for("curator").post(url, {"test_score": "80", "case_score": "70", "comment": ""})
    world.client_for("curator").post(url, {"test_score": "90"})
    world.client_for("working_group").post(url, {"sheet_score": "60"})
    assessments = world.mentor_entry.assessments.order_by("assessor__username")
    assert [(a.assessor.username, a.total) for a in assessments] == [("curator", 90), ("working_group", 60)]
    empty = world.client_for("curator").post(url, {})
    assert "Укажите хотя бы один балл" in empty.content.decode()


def test_mentee_files_a_request_from_their_own_account(world: World) -> None:
    world.mentee_entry.delete()
    client = world.client_for("mentee")
    response = client.post(
        reverse("bases:my_request"),
        {
            "programme": world.programme.pk,
            "problems": [ProblemCategory.objects.first().pk],  # type: ignore[union-attr]
            "goal": "Хочу лучше понимать физику",
            "preferred_format": "online",
        },
    )
    entry = MenteeEntry.objects.get(person=world.people["mentee"])
    assert response.status_code == 302
    assert (entry.referred_by, entry.activity, entry.status) == ("self", "active", "waiting")


def test_mentee_cannot_file_into_another_schools_programme(world: World) -> None:
    world.mentee_entry.delete()
    response = world.client_for("mentee").post(
        reverse("bases:my_request"),
        {"programme": world.other_programme.pk, "problems": [ProblemCategory.objects.first().pk], "goal": "x"},  # type: ignore[union-attr]
    )
    assert response.status_code == 200
    assert not MenteeEntry.objects.filter(person=world.people["mentee"]).exists()


def test_teacher_applies_to_become_a_mentor(world: World) -> None:
    response = world.client_for("teacher").post(
        reverse("bases:apply_mentor"),
        {
            "programme": world.programme.pk,
            "capabilities": [ProblemCategory.objects.first().pk],  # type: ignore[union-attr]
            "capacity": "2",
            "motivation": "Хочу помогать молодым коллегам",
        },
    )
    entry = MentorEntry.objects.get(person=world.people["teacher"])
    assert response.status_code == 302
    assert entry.admission == Admission.APPLIED and entry.experience_years == 3


def test_mentor_base_exports_to_xlsx_with_russian_headers(world: World) -> None:
    response = world.client_for("curator").get(reverse("bases:mentor_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ФИО" and "Допуск" in rows[0]
    assert [r[0] for r in rows[1:]] == [world.people["mentor"].full_name]


def test_mentee_export_of_a_district_shows_only_its_schools(world: World) -> None:
    response = world.client_for("district").get(reverse("bases:mentee_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [r[0] for r in rows[1:]]
    assert names == [world.people["mentee"].full_name]
    assert rows[1][1] == "7А"


def test_lists_show_the_current_academic_year_unless_asked_for_all(world: World) -> None:
    from nastavnik.orgs.models import AcademicYear
    from tests.factories import ProgrammeFactory

    last_year = AcademicYear.objects.create(start_year=AcademicYear.current().start_year - 1)
    old = ProgrammeFactory(organisation=world.school, academic_year=last_year, status="finished")
    old_entry = make_mentee_entry(make_person(world.school, Role.STUDENT), old)
    client = world.client_for("curator")
    default = [e.pk for e in client.get(reverse("bases:mentee_list")).context["object_list"]]
    every = [e.pk for e in client.get(reverse("bases:mentee_list"), {"year": ""}).context["object_list"]]
    chosen = client.get(reverse("bases:mentee_list"), {"year": str(last_year.start_year)}).context["object_list"]
    assert old_entry.pk not in default and world.mentee_entry.pk in default
    assert {old_entry.pk, world.mentee_entry.pk} <= set(every)
    assert [e.pk for e in chosen] == [old_entry.pk]


def test_a_bad_filter_value_shows_an_error_not_a_500(world: World) -> None:
    response = world.client_for("curator").get(reverse("bases:mentee_list"), {"grade": "abc", "year": "1900"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert response.context["filter"].errors
