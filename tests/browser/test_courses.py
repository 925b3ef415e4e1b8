"""Courses in the browser: the tutor checks work and sees the retention funnel, the trainee hands in
work, the school head's results file with a bad row loads nothing."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from openpyxl import Workbook
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.courses.models import ExamResult, Milestone, Submission, SubmissionStatus
from tests.browser.conftest import login
from tests.conftest import World
from tests.courses.support import build_course
from tests.factories import PASSWORD


def test_tutor_checks_work_and_trainee_hands_in_the_next(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    course = build_course(live_world)
    Milestone.objects.create(cohort=course.cohort, title="Проект ИОМ стажировки", due_on=datetime.date(2026, 12, 15))

    login(page, live_server.url, "mentor", PASSWORD)
    page.get_by_role("link", name="Курсы").first.click()
    page.get_by_role("link", name=course.cohort.title).click()
    expect(page.locator("#retention ~ .dash-chart canvas")).to_be_visible()
    page.wait_for_function("document.querySelector('canvas[data-dashboard]').chart !== undefined")
    article = page.locator("article").filter(has_text="Эссе о тьюторской позиции")
    article.get_by_label("Комментарий").fill("Принято, спасибо")
    article.get_by_role("button", name="Сохранить проверку").click()
    expect(page.get_by_text("Работа проверена.")).to_be_visible()
    assert Submission.objects.get(pk=course.submission.pk).status == SubmissionStatus.ACCEPTED

    page.context.clear_cookies()
    login(page, live_server.url, "teacher", PASSWORD)
    page.goto(f"{live_server.url}/courses/my/")
    expect(page.get_by_text("Принято — «Принято, спасибо»")).to_be_visible()
    section = page.locator("section").filter(has_text="Проект ИОМ стажировки")
    section.get_by_text("Сдать работу").click()
    section.get_by_label("Ответ").fill("Мой проект ИОМ")
    section.get_by_role("button", name="Отправить тьютору").click()
    expect(page.get_by_text("Работа отправлена тьютору.")).to_be_visible()
    assert Submission.objects.filter(text="Мой проект ИОМ").exists()


def test_a_results_file_with_a_bad_row_loads_nothing(
    live_server: LiveServer, live_world: World, page: Page, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Результаты ВПР, СОШ"])
    sheet.append(["Процедура", "Год", "Предмет", "Класс", "Участников", "Средний балл", "Получили «2»"])
    sheet.append(["ВПР", 2026, "Математика", 5, 40, "3,5", 4])
    sheet.append(["ВПР", 2026, "Физика", 7, 30, "3,1", 45])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "впр.xlsx"
    path.write_bytes(buffer.getvalue())

    login(page, live_server.url, "director", PASSWORD)
    page.goto(f"{live_server.url}/courses/results/{live_world.school.pk}/")
    page.get_by_label("Файл результатов (XLSX или CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.get_by_text("В файле есть ошибки: ничего не загружено.")).to_be_visible()
    expect(page.get_by_text("получивших «2» больше, чем участников")).to_be_visible()
    expect(page.get_by_role("button", name="Загрузить результаты")).to_have_count(0)
    assert not ExamResult.objects.exists()
