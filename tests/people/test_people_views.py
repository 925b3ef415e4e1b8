from __future__ import annotations

import datetime

from django.urls import reverse

from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Consent, Person, SensitiveInfo
from tests.conftest import World
from tests.factories import make_person


def _new_student(**extra: str) -> dict[str, str]:
    data = {
        "last_name": "Соловьёва",
        "first_name": "Анна",
        "middle_name": "Игоревна",
        "birth_date": "2015-03-02",
        "role": Role.STUDENT,
        "grade": "5",
        "class_letter": "б",
    }
    data.update(extra)
    return data


def test_curator_adds_a_student_with_parent_consent(world: World) -> None:
    data = _new_student(
        organisation=str(world.school.pk),
        email="anna@example.org",
        **{
            "consent-obtained": "on",
            "consent-given_on": "2026-09-01",
            "consent-given_by": "parent",
            "consent-guardian_name": "Соловьёва Ирина Петровна",
        },
    )
    response = world.client_for("curator").post(reverse("people:create"), data)
    person = Person.objects.get(last_name="Соловьёва")
    assert response.status_code == 302
    assert person.has_consent
    assert person.consents.get().guardian_name == "Соловьёва Ирина Петровна"
    membership = Membership.objects.get(person=person)
    assert (membership.organisation, membership.grade, membership.class_letter) == (world.school, 5, "Б")


def test_contacts_without_consent_are_refused_and_nothing_is_saved(world: World) -> None:
    before = Person.objects.count()
    data = _new_student(organisation=str(world.school.pk), phone="+7 900 000-00-00")
    response = world.client_for("curator").post(reverse("people:create"), data)
    assert response.status_code == 200
    assert "Без согласия на обработку персональных данных контакты хранить нельзя" in response.content.decode()
    assert Person.objects.count() == before


def test_a_child_under_14_cannot_consent_alone(world: World) -> None:
    data = _new_student(
        organisation=str(world.school.pk),
        **{"consent-obtained": "on", "consent-given_on": "2026-09-01", "consent-given_by": "self"},
    )
    response = world.client_for("curator").post(reverse("people:create"), data)
    assert "согласие даёт родитель или законный представитель" in response.content.decode()
    assert not Person.objects.filter(last_name="Соловьёва").exists()


def test_student_needs_a_grade_within_1_to_11(world: World) -> None:
    response = world.client_for("curator").post(
        reverse("people:create"), _new_student(organisation=str(world.school.pk), grade="12")
    )
    assert "Класс должен быть от 1 до 11." in response.content.decode()


def test_curator_cannot_add_a_person_to_another_organisation(world: World) -> None:
    response = world.client_for("curator").post(
        reverse("people:create"), _new_student(organisation=str(world.other_school.pk))
    )
    assert response.status_code == 200
    assert not Person.objects.filter(last_name="Соловьёва").exists()


def test_people_list_searches_by_name_and_hides_other_organisations(world: World) -> None:
    client = world.client_for("curator")
    mentee = world.people["mentee"]
    response = client.get(reverse("people:list"), {"q": mentee.last_name})
    names = [p.pk for p in response.context["object_list"]]
    assert mentee.pk in names
    assert world.people["other_student"].pk not in names
    every = client.get(reverse("people:list"), {"page": "999"}).context["page_obj"]
    assert every.number == every.paginator.num_pages  # a page past the end shows the last page, not 500


def test_people_list_filters_by_grade(world: World) -> None:
    response = world.client_for("curator").get(reverse("people:list"), {"grade": "7"})
    assert [p.pk for p in response.context["object_list"]] == [world.people["mentee"].pk]


def test_people_list_uses_a_bounded_number_of_queries(world: World, django_assert_max_num_queries: object) -> None:
    for n in range(30):
        make_person(world.school, Role.STUDENT, grade=1 + n % 11)
    client = world.client_for("curator")
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(reverse("people:list"))
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 25


def test_sensitive_flags_are_hidden_from_the_working_group(world: World) -> None:
    SensitiveInfo.objects.create(person=world.people["mentee"], disability=True)
    url = reverse("people:detail", args=[world.people["mentee"].pk])
    assert "ОВЗ" in world.client_for("curator").get(url).content.decode()
    assert "ОВЗ" in world.client_for("mentee").get(url).content.decode()
    assert "ОВЗ" not in world.client_for("working_group").get(url).content.decode()
    assert "ОВЗ" not in world.client_for("district").get(url).content.decode()


def test_revoking_consent_clears_the_flag_and_is_audited(world: World) -> None:
    mentee = world.people["mentee"]
    consent = mentee.consents.get()
    response = world.client_for("curator").post(
        reverse("people:consent_revoke", args=[mentee.pk]),
        {"consent": consent.pk, "revoked_on": datetime.date.today().isoformat()},
    )
    assert response.status_code == 302
    mentee.refresh_from_db()
    assert not mentee.has_consent
    change = Consent.history.filter(id=consent.pk).first()
    assert change is not None and change.history_user.username == "curator"


def test_director_sees_who_changed_a_person_in_the_audit_log(world: World) -> None:
    mentee = world.people["mentee"]
    world.client_for("curator").post(
        reverse("people:edit", args=[mentee.pk]),
        {"last_name": "Новикова", "first_name": mentee.first_name, "middle_name": "", "birth_date": "2011-01-01"},
    )
    response = world.client_for("director").get(reverse("audit"), {"source": "person"})
    page = response.content.decode()
    assert "Новикова" in page and "curator" in page and "изменение" in page
    other = world.client_for("admin").get(reverse("audit"), {"source": "person"}).content.decode()
    assert "Новикова" in other


def test_search_ignores_case_and_yo_in_cyrillic_names(world: World) -> None:
    student = make_person(world.school, Role.STUDENT)
    student.last_name, student.first_name = "Семёнова", "Алёна"
    student.save()
    client = world.client_for("curator")
    for query in ("семенова", "СЕМЁНОВА алена", "Алена"):
        found = [p.pk for p in client.get(reverse("people:list"), {"q": query}).context["object_list"]]
        assert found == [student.pk], query
