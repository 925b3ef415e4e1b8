"""School profiles from a CSV: row-level Russian errors, all or nothing, the user's territory only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from nastavnik.district.models import SchoolProfile, SchoolRole
from nastavnik.orgs.models import Organisation
from tests.conftest import World
from tests.factories import OrganisationFactory

HEADER = "Организация;Индекс результатов;Число обучающихся;Сельская;Роль;Сколько школ может поддержать\n"


def _upload(client: Client, text: str, **query: object) -> Any:
    upload = SimpleUploadedFile("школы.csv", text.encode("utf-8"), content_type="text/csv")
    url = reverse("district:school_import")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, {"file": upload})


def _schools(world: World) -> tuple[Organisation, Organisation]:
    leader = OrganisationFactory(parent=world.district, short_name="Гимназия № 2", inn="7800000002")
    weak = OrganisationFactory(parent=world.district, short_name="СОШ № 9", slug="sosh-9", low_results=True)
    return leader, weak


def test_a_good_file_creates_profiles_with_the_computed_default_role(world: World) -> None:
    leader, weak = _schools(world)
    text = (
        HEADER + "7800000002;82,5;640;нет;лидер;2\nsosh-9;51;210;да;;\n" + f"{world.school.short_name};70;500;нет;;\n"
    )
    response = _upload(world.client_for("district"), text)
    assert response.status_code == 302
    profiles = {p.organisation: p for p in SchoolProfile.objects.all()}
    assert (profiles[leader].results_index, profiles[leader].role, profiles[leader].capacity) == (
        Decimal("82.5"),
        SchoolRole.LEADER,
        2,
    )
    assert (profiles[weak].is_rural, profiles[weak].role, profiles[weak].capacity) == (True, SchoolRole.SUPPORTED, 1)
    assert profiles[world.school].role == SchoolRole.NONE


def test_an_empty_role_keeps_the_role_chosen_before(world: World) -> None:
    _, weak = _schools(world)
    client = world.client_for("district")
    _upload(client, HEADER + "sosh-9;51;210;да;нет;\n")
    _upload(client, HEADER + "sosh-9;55;210;да;;\n")
    profile = SchoolProfile.objects.get(organisation=weak)
    assert (profile.results_index, profile.role) == (Decimal(55), SchoolRole.NONE)


def test_a_bad_number_names_the_row_and_column_and_nothing_is_saved(world: World) -> None:
    _schools(world)
    text = HEADER + "7800000002;82;640;нет;лидер;1\nsosh-9;высокий;210;да;;\nsosh-9;51;2,5;да;;\n"
    response = _upload(world.client_for("district"), text)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Строка 3, столбец «Индекс результатов»: «высокий» — не число" in page
    assert "Строка 4, столбец «Число обучающихся»: «2,5»: нужно целое число" in page
    assert not SchoolProfile.objects.exists()


def test_an_index_above_100_is_refused(world: World) -> None:
    _schools(world)
    response = _upload(world.client_for("district"), HEADER + "sosh-9;120;210;да;;\n")
    assert "«120»: допустимо от 0 до 100" in response.content.decode()
    assert not SchoolProfile.objects.exists()


def test_an_unknown_organisation_is_an_error_and_nothing_is_saved(world: World) -> None:
    _schools(world)
    text = HEADER + "sosh-9;51;210;да;;\nСОШ № 404;60;300;нет;;\n"
    page = _upload(world.client_for("district"), text).content.decode()
    assert "Строка 3, столбец «Организация»: организация «СОШ № 404» не найдена" in page
    assert not SchoolProfile.objects.exists()


def test_an_organisation_outside_the_territory_is_an_error_and_nothing_is_saved(world: World) -> None:
    _schools(world)
    text = HEADER + f"sosh-9;51;210;да;;\n{world.other_school.short_name};60;300;нет;;\n"
    page = _upload(world.client_for("district"), text).content.decode()
    assert f"организация «{world.other_school.short_name}» не входит в вашу территорию (Заречный р-н)" in page
    assert not SchoolProfile.objects.exists()


def test_the_region_coordinator_may_load_schools_of_any_district_of_the_region(world: World) -> None:
    _schools(world)
    text = HEADER + f"sosh-9;51;210;да;;\n{world.other_school.short_name};60;300;нет;;\n"
    assert _upload(world.client_for("region"), text).status_code == 302
    assert SchoolProfile.objects.count() == 2


def test_a_missing_column_a_bad_role_and_a_repeated_school_are_explained(world: World) -> None:
    _schools(world)
    client = world.client_for("district")
    page = _upload(client, "Организация;Роль\nsosh-9;лидер\n").content.decode()
    assert "нет столбцов: «Индекс результатов», «Число обучающихся»" in page
    text = HEADER + "sosh-9;51;210;да;главная;\nsosh-9;52;210;да;;\n"
    page = _upload(client, text).content.decode()
    assert "Строка 2, столбец «Роль»: роль «главная» не распознана" in page
    text = HEADER + "sosh-9;51;210;да;;\nsosh-9;52;210;да;;\n"
    page = _upload(client, text).content.decode()
    assert "Строка 3: СОШ № 9 уже есть в строке 2" in page
    assert not SchoolProfile.objects.exists()


def test_a_district_is_not_a_school(world: World) -> None:
    page = _upload(world.client_for("region"), HEADER + "zarechny;51;210;да;;\n").content.decode()
    assert "«Заречный р-н» — не школа" in page


def test_a_territory_of_another_district_in_the_query_is_not_found(world: World) -> None:
    _schools(world)
    response = _upload(world.client_for("district"), HEADER + "sosh-9;51;210;да;;\n", territory=world.other_district.pk)
    assert response.status_code == 404
    assert not SchoolProfile.objects.exists()


def test_school_managers_may_not_import_profiles(world: World) -> None:
    _schools(world)
    assert _upload(world.client_for("director"), HEADER + "sosh-9;51;210;да;;\n").status_code == 403
