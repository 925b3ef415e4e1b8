"""The curator completes a working pair, issues a certificate «Лучший наставник» and downloads its PDF."""

from __future__ import annotations

import datetime
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from nastavnik.bases.models import MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.diary.models import Award, AwardKind, PairEvaluation
from nastavnik.pairs.models import Decision, Outcome, PairStatus
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD
from tests.pairs.matrix_completion import active_pair


def test_curator_completes_a_pair_and_issues_a_certificate(
    live_server: LiveServer, live_world: World, page: Page, tmp_path: Path
) -> None:
    pair = active_pair(live_world)  # working, with the final meeting in the log
    mentor_name = live_world.people["mentor"].full_name
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/pairs/{pair.pk}/")
    page.locator("#completion").get_by_role("button", name="Завершить пару").click()
    expect(page.get_by_text("Итоговая встреча проведена")).to_be_visible()
    page.get_by_label("Запрос наставляемого решён").check()
    page.get_by_label("Успеваемость повысилась (3.5)").check()
    page.get_by_label("Результат (описание)").fill("Закончила четверть без троек")
    page.get_by_label("Удовлетворённость наставляемого (1–5)").select_option("5")
    page.get_by_label("Завершить взаимодействие").check()
    page.get_by_role("button", name="Завершить пару").click()
    expect(page.get_by_text("Пара завершена.")).to_be_visible()
    expect(page.locator("#completion").get_by_text("Закончила четверть без троек")).to_be_visible()

    pair.refresh_from_db()
    member = pair.members.get()
    assert (pair.status, pair.decision) == (PairStatus.COMPLETED, Decision.STOP)
    assert member.outcomes == [Outcome.REQUEST_MET, Outcome.GRADES_IMPROVED] and member.satisfaction == 5
    assert MentorEntry.objects.get(pk=live_world.mentor_entry.pk).load == 0
    assert MenteeEntry.objects.get(pk=live_world.mentee_entry.pk).status == MenteeStatus.COMPLETED

    page.locator("#completion").get_by_role("button", name="Выдать грамоту или письмо").click()
    expect(page.get_by_label("Кому")).to_have_value(str(live_world.people["mentor"].pk))
    page.get_by_role("button", name="Выдать").click()
    expect(page.get_by_text(f"Выдан документ: Грамота «Лучший наставник» № 1 — {mentor_name}.")).to_be_visible()
    award = Award.objects.get()
    assert (award.kind, award.number, award.pair_id) == (AwardKind.CERTIFICATE, "1", pair.pk)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    target = tmp_path / "certificate.pdf"
    download_info.value.save_as(target)
    text = " ".join(p.extract_text() for p in PdfReader(target).pages).replace("\n", " ")
    assert mentor_name in text and "№ 1" in text
    assert award.issued_on.strftime("%d.%m.%Y") in text
    assert award.issued_on == datetime.date.today()


def test_mentee_rates_the_mentor_from_a_phone(live_server: LiveServer, live_world: World, phone: Page) -> None:
    pair = active_pair(live_world)
    login(phone, live_server.url, "mentee", PASSWORD)
    phone.goto(f"{live_server.url}/pairs/{pair.pk}/")
    phone.locator("#completion").get_by_role("button", name="Оценить наставника").click()
    expect(phone.get_by_text(live_world.people["mentor"].full_name)).to_be_visible()
    phone.get_by_role("radio", name="5").check()
    phone.get_by_label("Отзыв").fill("Помог подготовиться к олимпиаде")
    phone.get_by_role("button", name="Сохранить оценку").click()
    expect(phone.get_by_text("Спасибо! Оценка сохранена.")).to_be_visible()
    expect(phone.locator("#completion").get_by_text("Помог подготовиться к олимпиаде")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    evaluation = PairEvaluation.objects.get()
    assert (evaluation.author, evaluation.side, evaluation.score) == (live_world.people["mentee"], "mentee", 5)
