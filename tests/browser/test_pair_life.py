"""A pair's whole life in the browser: confirm → order → meetings → plan → completion → certificate."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.diary.models import Award
from nastavnik.matching.models import Scheme
from nastavnik.pairs import services
from nastavnik.pairs.models import Pair, PairStatus, PairTransition
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD


def _log_meeting(page: Page, base: str, pair: Pair, kind: str, topic: str) -> None:
    page.goto(f"{base}/pairs/{pair.pk}/diary/")
    page.get_by_role("button", name="Записать встречу").click()
    page.get_by_label("Тип встречи").select_option(kind)
    page.get_by_label("Тема встречи").fill(topic)
    page.get_by_label("Длительность, минут").fill("45")
    page.get_by_role("button", name="Записать встречу").click()
    expect(page.get_by_text("Встреча записана в дневник.")).to_be_visible()


def test_a_pair_from_confirmation_to_certificate(
    live_server: LiveServer, live_world: World, page: Page, tmp_path: Path
) -> None:
    base = live_server.url
    mentor = live_world.mentor_entry
    MentorEntry.objects.filter(pk=mentor.pk).update(admission=Admission.ADMITTED, capacity=2)
    mentor.refresh_from_db()
    pair = services.propose(mentor, [live_world.mentee_entry], Scheme.QUESTIONNAIRE, None, score=7.0)

    # The curator confirms the proposal and prepares the director's order.
    login(page, base, "curator", PASSWORD)
    page.goto(f"{base}/pairs/{pair.pk}/")
    expect(page.locator("#pair-status")).to_have_text("Предложена")
    page.get_by_role("button", name="Подтвердить пару").click()
    expect(page.locator("#pair-status")).to_have_text("Подтверждена куратором")
    page.goto(f"{base}/pairs/programmes/{pair.programme_id}/orders/")
    page.get_by_role("button", name="Создать проект приказа").click()

    # The director numbers, downloads and registers it: the pair is fixed.
    login(page, base, "director", PASSWORD)
    page.goto(f"{base}/pairs/{pair.pk}/")
    page.get_by_role("button", name="Открыть проект приказа").click()
    page.get_by_label("Номер").fill("7-од")
    page.get_by_label("Дата", exact=True).fill("2026-11-20")
    page.get_by_role("button", name="Сохранить").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Скачать приказ (DOCX)").click()
    table = next(t for t in Document(download_info.value.path()).tables if t.rows[0].cells[0].text == "№")
    assert len(table.rows) == 2 and table.rows[1].cells[2].text == live_world.people["mentee"].full_name
    page.get_by_role("button", name="Зарегистрировать приказ").click()
    page.get_by_role("button", name="Подтвердить регистрацию").click()  # registration is irreversible
    expect(page.locator("#order-status")).to_have_text("Зарегистрирован")
    page.goto(f"{base}/pairs/{pair.pk}/")
    expect(page.locator("#pair-status")).to_have_text("Закреплена приказом")

    # The mentor keeps the log: the first meeting starts the pair's work; a plan with a task.
    login(page, base, "mentor", PASSWORD)
    _log_meeting(page, base, pair, "intro", "Знакомство, правила работы")
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.ACTIVE
    _log_meeting(page, base, pair, "planning", "Составляем индивидуальный план")
    page.goto(f"{base}/pairs/{pair.pk}/")
    page.locator("#plan-card").get_by_role("link", name=live_world.people["mentee"].full_name).click()
    page.get_by_role("button", name="Добавить задачу").click()
    page.get_by_label("Задача").fill("Решить вариант олимпиады прошлого года")
    page.get_by_role("button", name="Добавить задачу").click()
    expect(page.get_by_text("Решить вариант олимпиады прошлого года")).to_be_visible()
    _log_meeting(page, base, pair, "final", "Итоги: что получилось")

    # The curator completes the pair and issues the certificate «Лучший наставник».
    login(page, base, "curator", PASSWORD)
    page.goto(f"{base}/pairs/{pair.pk}/")
    page.locator("#completion").get_by_role("button", name="Завершить пару").click()
    page.get_by_label("Запрос наставляемого решён").check()
    page.get_by_label("Подготовлен(а) к конкурсу, олимпиаде (3.6)").check()
    page.get_by_label("Удовлетворённость наставляемого (1–5)").select_option("5")
    page.get_by_label("Завершить взаимодействие").check()
    page.get_by_role("button", name="Завершить пару").click()
    expect(page.get_by_text("Пара завершена.")).to_be_visible()
    expect(page.locator("#pair-status")).to_have_text("Завершена")
    page.locator("#completion").get_by_role("button", name="Выдать грамоту или письмо").click()
    page.get_by_role("button", name="Выдать").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    target = tmp_path / "certificate.pdf"
    download_info.value.save_as(target)
    text = " ".join(p.extract_text() for p in PdfReader(target).pages).replace("\n", " ")
    assert live_world.people["mentor"].full_name in text

    # The history holds every step, the seat is free, the award is recorded.
    steps = list(PairTransition.objects.filter(pair=pair).values_list("to_status", flat=True))
    assert steps == ["proposed", "confirmed", "fixed", "active", "completed"]
    assert MentorEntry.objects.get(pk=mentor.pk).load == 0
    assert MenteeEntry.objects.get(pk=live_world.mentee_entry.pk).status == MenteeStatus.COMPLETED
    assert Award.objects.get().pair_id == pair.pk
