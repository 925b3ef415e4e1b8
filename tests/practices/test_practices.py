"""The bank of best practices: search (case and ё), tags, filters, paging, files, who sees and edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.urls import reverse

from nastavnik.diary import completion
from nastavnik.diary.completion import MenteeResult
from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind, Role
from nastavnik.pairs.models import Decision, Outcome
from nastavnik.practices.forms import normalise_tags
from nastavnik.practices.models import BestPractice, PracticeFile
from nastavnik.programmes.models import MentoringFormat
from tests.conftest import World
from tests.factories import PASSWORD, OrganisationFactory, make_person, make_programme
from tests.pairs.matrix_completion import active_pair, practice


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _titles(response: Any) -> list[str]:
    return [p.title for p in response.context["object_list"]]


def _list(world: World, role: str = "curator", **params: str) -> Any:
    return world.client_for(role).get(reverse("practices:list"), params)


def test_search_ignores_case_and_yo(world: World) -> None:
    practice(world, title="Ёлочка ЗНАНИЙ", description="Новогодний квест для первоклассников", tags="квест")
    practice(world, title="Школа вожатых", description="Подготовка старшеклассников", tags="лидерство")
    for query in ("елочка знаний", "ЁЛОЧКА", "ёлочка", "новогодний КВЕСТ", "знаний елочка"):
        assert _titles(_list(world, q=query)) == ["Ёлочка ЗНАНИЙ"], query
    assert _titles(_list(world, q="вожатых")) == ["Школа вожатых"]
    assert _titles(_list(world, q="лидерство квест")) == []


def test_tag_filter_is_exact_and_tags_are_normalised(world: World) -> None:
    practice(world, title="Первая", tags=normalise_tags("адаптация,  ИКТ , Адаптация"))
    practice(world, title="Вторая", tags="дезадаптация")
    assert BestPractice.objects.get(title="Первая").tags == "адаптация, ИКТ"
    assert _titles(_list(world, tag="адаптация")) == ["Первая"]
    assert _titles(_list(world, tag="ИКТ")) == ["Первая"]
    response = _list(world)
    assert response.context["tags"] == ["адаптация", "дезадаптация", "ИКТ"]


def test_filters_by_form_organisation_and_year(world: World) -> None:
    peer = MentoringFormat.objects.get(code="student_student")
    practice(world, title="Своя", form=peer)
    other_programme = make_programme(world.other_school)
    last_year, _ = AcademicYear.objects.get_or_create(start_year=world.programme.academic_year.start_year - 1)
    other_programme.academic_year = last_year
    other_programme.save()
    practice(world, title="Чужая", organisation=world.other_school, programme=other_programme)
    assert _titles(_list(world, form=str(peer.pk))) == ["Своя"]
    assert _titles(_list(world, organisation=str(world.other_school.pk))) == ["Чужая"]
    assert _titles(_list(world, year=str(last_year.start_year))) == ["Чужая"]
    # A bad filter value is ignored, never a 500.
    assert sorted(_titles(_list(world, form="abc", year="1"))) == ["Своя", "Чужая"]


def test_practices_are_shared_across_the_region_but_not_beyond(world: World) -> None:
    practice(world, title="Из соседнего района", organisation=world.other_school, programme=None)
    far_region = Organisation.objects.create(
        name="Дальняя область", short_name="Дальняя обл.", slug="far", kind=OrganisationKind.REGION
    )
    far_school = OrganisationFactory(parent=far_region)
    practice(world, title="Из другого региона", organisation=far_school, programme=None)
    for role in ("curator", "teacher", "mentor", "district"):
        assert _titles(_list(world, role)) == ["Из соседнего района"], role
    assert sorted(_titles(_list(world, "admin"))) == ["Из другого региона", "Из соседнего района"]
    make_person(far_school, Role.CURATOR, username="far_curator")
    client = world.client_for("anonymous")
    assert client.login(request=HttpRequest(), username="far_curator", password=PASSWORD)
    titles = [p.title for p in client.get(reverse("practices:list")).context["object_list"]]
    assert titles == ["Из другого региона"]
    assert _list(world, "mentee").status_code == 403
    assert _list(world, "parent").status_code == 403


def test_the_list_is_paginated_with_bounded_queries(world: World, django_assert_max_num_queries: Any) -> None:
    form = MentoringFormat.objects.get(code="student_student")
    for n in range(30):
        practice(world, title=f"Практика {n:02d}", form=form, tags=f"тег{n % 4}, общий")
    client = world.client_for("curator")
    client.get(reverse("practices:list"))  # warm up the session and the access cache
    with django_assert_max_num_queries(14):
        response = client.get(reverse("practices:list"), {"q": "практика", "page": "2"})
    assert response.status_code == 200
    assert response.context["total_count"] == 30 and len(response.context["object_list"]) == 5
    assert "Найдено: 30 практик" in response.content.decode()
    assert client.get(reverse("practices:list"), {"page": "999"}).status_code == 200


def test_a_curator_adds_a_practice_with_a_file_and_downloads_it(world: World) -> None:
    client = world.client_for("curator")
    upload = SimpleUploadedFile("методичка.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("practices:create"),
        {
            "organisation": world.school.pk,
            "programme": world.programme.pk,
            "title": "Клуб «Шаг навстречу»",
            "description": "Еженедельные встречи старших и младших.",
            "tags": "клуб; адаптация",
            "authors": "Рабочая группа",
            "file": upload,
        },
    )
    assert response.status_code == 302
    created = BestPractice.objects.get()
    assert (created.tags, created.created_by) == ("клуб, адаптация", world.people["curator"].user)
    item = PracticeFile.objects.get()
    assert (item.name, item.size) == ("методичка.pdf", len(b"%PDF-1.4 test"))
    download = world.client_for("other_curator").get(reverse("practices:file", args=[item.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"  # type: ignore[attr-defined]
    assert world.client_for("mentee").get(reverse("practices:file", args=[item.pk])).status_code == 404


def test_a_bad_file_is_refused_with_a_russian_error(world: World, settings: Any) -> None:
    settings.ATTACHMENT_MAX_BYTES = 10
    data = {"organisation": world.school.pk, "title": "Практика", "description": "Описание"}
    client = world.client_for("curator")
    response = client.post(reverse("practices:create"), {**data, "file": SimpleUploadedFile("вирус.exe", b"MZ")})
    assert "Этот тип файла не принимается: .exe." in response.content.decode()
    response = client.post(reverse("practices:create"), {**data, "file": SimpleUploadedFile("big.pdf", b"x" * 11)})
    assert "Файл больше 10 байт" in response.content.decode()
    assert not BestPractice.objects.exists()


def test_required_fields_and_a_foreign_programme_are_refused(world: World) -> None:
    client = world.client_for("curator")
    response = client.post(
        reverse("practices:create"), {"organisation": world.school.pk, "programme": world.other_programme.pk}
    )
    text = response.content.decode()
    assert response.status_code == 200 and "Обязательное поле." in text
    assert not BestPractice.objects.exists()
    response = client.post(
        reverse("practices:create"),
        {"organisation": world.other_school.pk, "title": "Чужая", "description": "Не своя организация"},
    )
    assert "Выберите корректный вариант" in response.content.decode()


def test_a_practice_drafted_from_a_completed_pair(world: World) -> None:
    pair = active_pair(world)
    member = pair.members.get()
    completion.complete_pair(
        pair,
        None,
        Decision.CONTINUE,
        "",
        [MenteeResult(member.pk, outcomes=[Outcome.OLYMPIAD], note="Призёр муниципального этапа")],
    )
    client = world.client_for("curator")
    url = reverse("practices:create") + f"?pair={pair.pk}"
    form = client.get(url).context["form"]
    assert form.initial["programme"] == world.programme.pk and form.initial["organisation"] == world.school.pk
    assert form.initial["form"] == MentoringFormat.objects.get(code="student_student").pk
    assert "Призёр муниципального этапа" in form.initial["description"]
    assert "Подготовлен(а) к конкурсу, олимпиаде (3.6)" in form.initial["description"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    assert client.post(url, data).status_code == 302
    assert BestPractice.objects.get().pair == pair
    assert world.client_for("other_curator").get(url).status_code == 404


def test_only_the_authoring_organisation_edits(world: World) -> None:
    item = practice(world)
    url = reverse("practices:edit", args=[item.pk])
    assert world.client_for("other_curator").get(url).status_code == 403
    assert world.client_for("mentor").post(url, {"title": "Взлом"}).status_code == 403
    response = world.client_for("working_group").post(
        url, {"organisation": world.school.pk, "title": "Новое название", "description": "Новое описание"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Новое название" and "новое название" in item.search_text


def test_files_are_removed_on_edit(world: World) -> None:
    client = world.client_for("curator")
    item = practice(world)
    url = reverse("practices:edit", args=[item.pk])
    data = {"organisation": world.school.pk, "title": item.title, "description": item.description}
    client.post(url, {**data, "file": SimpleUploadedFile("план.docx", b"PK docx")})
    stored = PracticeFile.objects.get()
    assert client.get(reverse("practices:detail", args=[item.pk])).content.decode().count("план.docx") == 1
    client.post(url, {**data, "remove_files": [stored.pk]})
    assert not PracticeFile.objects.exists()
