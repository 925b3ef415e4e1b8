"""ВПР/ОГЭ/ЕГЭ results from a school's export: preview with row errors, all-or-nothing commit, dynamics."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from nastavnik.courses import charts, results_import
from nastavnik.courses.models import ExamResult, ResultUpload
from tests.conftest import World
from tests.courses.fixtures.make_fixtures import EXPECTED, RESULTS_XLSX
from tests.courses.support import Course

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / RESULTS_XLSX


def _upload(world: World, role: str, school_pk: int, name: str, content: bytes) -> ResultUpload | None:
    client = world.client_for(role)
    file = SimpleUploadedFile(name, content)
    response = client.post(reverse("courses:results_upload", kwargs={"pk": school_pk}), {"file": file})
    if response.status_code != 302:
        return None
    return ResultUpload.objects.latest("pk")


def _workbook(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _stored(school_pk: int) -> list[tuple[object, ...]]:
    return sorted(
        (r.exam, r.year, r.subject, r.grade, r.participants, str(r.mean_score.normalize()), r.fails)
        for r in ExamResult.objects.filter(school_id=school_pk)
    )


def test_a_real_export_with_a_title_and_signatures_loads_exactly(world: World, course: Course) -> None:
    upload = _upload(world, "district", course.weak_school.pk, RESULTS_XLSX, FIXTURE.read_bytes())
    assert upload is not None and upload.errors == []
    assert any("название" in note for note in upload.notes)
    assert any("подпись или итог" in note for note in upload.notes)
    preview = world.client_for("district").get(reverse("courses:results_preview", kwargs={"pk": upload.pk}))
    assert "Загрузить результаты" in preview.content.decode()
    world.client_for("district").post(reverse("courses:results_commit", kwargs={"pk": upload.pk}))
    assert _stored(course.weak_school.pk) == sorted(EXPECTED)


def test_loading_the_same_file_again_updates_instead_of_duplicating(world: World, course: Course) -> None:
    for _ in range(2):
        upload = _upload(world, "district", course.weak_school.pk, RESULTS_XLSX, FIXTURE.read_bytes())
        assert upload is not None
        results_import.commit(upload)
    assert ExamResult.objects.filter(school=course.weak_school).count() == len(EXPECTED)


def test_one_bad_row_keeps_the_whole_file_out_and_names_row_and_column(world: World) -> None:
    content = _workbook(
        [
            ["Процедура", "Год", "Предмет", "Класс", "Участников", "Средний балл", "Получили «2»"],
            ["ВПР", 2026, "Математика", 5, 40, "3,5", 4],
            ["ВПР", "двадцать", "Физика", 7, 30, "3,1", 2],
            ["ОГЭ", 2026, "Химия", 9, 10, "3,9", 12],
        ]
    )
    upload = _upload(world, "director", world.school.pk, "впр.xlsx", content)
    assert upload is not None
    assert [(e["row"], e["column"]) for e in upload.errors] == [(3, "Год"), (4, "Получили «2»")]
    page = (
        world.client_for("director").get(reverse("courses:results_preview", kwargs={"pk": upload.pk})).content.decode()
    )
    assert "ничего не загружено" in page and "Загрузить результаты" not in page
    response = world.client_for("director").post(
        reverse("courses:results_commit", kwargs={"pk": upload.pk}), follow=True
    )
    assert "В файле есть ошибки" in response.content.decode()
    assert not ExamResult.objects.exists()


def test_a_file_without_the_needed_columns_is_refused_in_russian(world: World) -> None:
    content = _workbook([["ФИО", "Класс"], ["Иванов Иван", "5А"]])
    client = world.client_for("director")
    file = SimpleUploadedFile("список.xlsx", content)
    response = client.post(reverse("courses:results_upload", kwargs={"pk": world.school.pk}), {"file": file})
    assert response.status_code == 400
    assert "Не найдена строка заголовков" in response.content.decode()
    assert "«Процедура»" in response.content.decode()


def test_an_old_xls_file_is_refused_with_the_import_rules_message(world: World) -> None:
    file = SimpleUploadedFile("впр.xls", b"\xd0\xcf\x11\xe0")
    response = world.client_for("director").post(
        reverse("courses:results_upload", kwargs={"pk": world.school.pk}), {"file": file}
    )
    assert response.status_code == 400
    assert "Старый формат Excel (.xls)" in response.content.decode()


def test_the_template_downloads_and_loads_back_cleanly(world: World) -> None:
    response = world.client_for("director").get(reverse("courses:results_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == [
        "Процедура",
        "Год",
        "Предмет",
        "Класс",
        "Участников",
        "Средний балл",
        "Получили «2»",
    ]
    parsed = results_import.parse_results("shablon.xlsx", io.BytesIO(response.content), len(response.content))
    assert parsed.errors == [] and len(parsed.rows) == 3


def test_dynamics_show_mean_score_and_share_of_fails_per_year(world: World, course: Course) -> None:
    upload = _upload(world, "district", course.weak_school.pk, RESULTS_XLSX, FIXTURE.read_bytes())
    assert upload is not None
    results_import.commit(upload)
    rows = {row["label"]: row for row in charts.change_rows(list(ExamResult.objects.filter(school=course.weak_school)))}
    maths = rows["ВПР Математика, 5 кл."]
    assert maths["years"] == "2025–2026"
    assert maths["mean_change"] == pytest.approx(0.29)
    assert maths["fails"] == pytest.approx(11.4)  # 5 of 44
    assert maths["fails_change"] == pytest.approx(11.4 - 22.0)  # 9 of 41 was 22,0 %
    page = world.client_for("director").get(reverse("courses:pair", kwargs={"pk": course.pairing.pk})).content.decode()
    assert "Средний балл: поддерживаемая школа и школа-лидер" in page
    assert ExamResult.objects.get(school=course.weak_school, exam="oge", year=2026).mean_score == Decimal("3.36")
