from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.bases.models import Admission
from nastavnik.district.models import PairingStatus, SchoolPairing, SchoolProfile, SchoolRole
from nastavnik.orgs.models import AcademicYear
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD, OrganisationFactory


def test_the_district_coordinator_reads_the_map_and_pairs_schools(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    entry = live_world.mentor_entry
    entry.admission = Admission.ADMITTED
    entry.save()
    leader = OrganisationFactory(parent=live_world.district, short_name="Гимназия № 2")
    weak = OrganisationFactory(parent=live_world.district, short_name="СОШ № 9", low_results=True)
    SchoolProfile.objects.create(
        organisation=leader,
        academic_year=AcademicYear.current(),
        results_index=Decimal(84),
        students_count=560,
        role=SchoolRole.LEADER,
    )

    login(page, live_server.url, "district", PASSWORD)
    page.get_by_role("link", name="Район").click()
    expect(page.get_by_role("heading", name="Карта наставников")).to_be_visible()
    school_row = page.locator("tbody tr").filter(has_text=live_world.school.short_name)
    expect(school_row).to_contain_text("2")  # two free seats of the admitted mentor
    expect(page.locator("tfoot")).to_contain_text("Итого")

    page.get_by_role("link", name="«Школа – Школе»").click()
    page.get_by_role("link", name="Профили школ").first.click()
    page.get_by_role("link", name="СОШ № 9").click()
    expect(page.get_by_label("Роль в проекте")).to_have_value("supported")  # from the «низкие результаты» flag
    page.get_by_label("Индекс результатов").fill("61,5")
    page.get_by_label("Число обучающихся").fill("480")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Профиль школы «СОШ № 9» сохранён.")).to_be_visible()

    page.get_by_role("link", name="← «Школа – Школе»: пары").click()
    page.get_by_role("button", name="Подобрать пары школ").click()
    expect(page.get_by_text("Подбор выполнен: предложено пар — 1, без пары — 0.")).to_be_visible()
    row = page.locator("article").filter(has_text="Гимназия № 2")
    expect(row).to_contain_text("СОШ № 9")
    expect(row).to_contain_text("Схожий размер: 560 и 480 обучающихся")
    row.get_by_role("button", name="Подтвердить").click()
    expect(page.get_by_text("Пара подтверждена: Гимназия № 2 → СОШ № 9.")).to_be_visible()
    assert SchoolPairing.objects.get().status == PairingStatus.CONFIRMED
    assert SchoolPairing.objects.get().supported == weak


def test_a_bad_school_file_shows_row_errors_and_saves_nothing(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    login(page, live_server.url, "district", PASSWORD)
    page.goto(f"{live_server.url}/district/schools/")
    page.get_by_label("Файл CSV или Excel").set_input_files(
        files=[
            {
                "name": "школы.csv",
                "mimeType": "text/csv",
                "buffer": "Организация;Индекс результатов;Число обучающихся\nСОШ № 404;abc;300\n".encode(),
            }
        ]
    )
    page.get_by_role("button", name="Загрузить").click()
    expect(page.get_by_text("Строка 2, столбец «Организация»: организация «СОШ № 404» не найдена")).to_be_visible()
    expect(page.get_by_text("Строка 2, столбец «Индекс результатов»: «abc» — не число")).to_be_visible()
    assert not SchoolProfile.objects.exists()
