"""«Школа – Школе» in the app: profiles by hand, the optimal pairing, confirmation and who may do it."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from nastavnik.district import services
from nastavnik.district.models import PairingStatus, SchoolPairing, SchoolProfile, SchoolRole
from nastavnik.engines.matching.school_pairs import SchoolRules
from nastavnik.orgs.models import AcademicYear, Organisation
from tests.conftest import World
from tests.factories import OrganisationFactory


def profile(org: Organisation, index: float, size: int, role: str, capacity: int = 1, rural: bool = False) -> None:
    SchoolProfile.objects.create(
        organisation=org,
        academic_year=AcademicYear.current(),
        results_index=Decimal(str(index)),
        students_count=size,
        is_rural=rural,
        role=role,
        capacity=capacity,
    )


def _district_schools(world: World) -> tuple[Organisation, Organisation, Organisation]:
    """A leader (capacity 1) and two supported schools: one like the leader, one four times smaller."""
    leader = OrganisationFactory(parent=world.district, short_name="Гимназия № 2")
    similar = OrganisationFactory(parent=world.district, short_name="СОШ № 9", low_results=True)
    small = OrganisationFactory(parent=world.district, short_name="ООШ № 12", low_results=True)
    profile(leader, 82, 600, SchoolRole.LEADER)
    profile(similar, 58, 500, SchoolRole.SUPPORTED)
    profile(small, 55, 150, SchoolRole.SUPPORTED)
    return leader, similar, small


def test_the_coordinator_runs_the_pairing_and_the_leader_gets_the_most_similar_school(world: World) -> None:
    leader, similar, small = _district_schools(world)
    client = world.client_for("district")
    response = client.post(reverse("district:school_pairs"), {"min_gap": "10"})
    assert response.status_code == 302
    pairing = SchoolPairing.objects.get()
    assert (pairing.leader, pairing.supported, pairing.status) == (leader, similar, PairingStatus.PROPOSED)
    assert pairing.created_by == world.people["district"].user
    assert [r["code"] for r in pairing.reasons] == ["same_settlement", "similar_size", "results_gap", "same_district"]
    page = client.get(reverse("district:school_pairs")).content.decode()
    assert "Схожий размер: 600 и 500 обучающихся" in page
    assert f"{small.short_name} — Все подходящие школы-лидеры уже поддерживают" in page


def test_the_min_gap_is_a_hard_rule_set_on_the_page(world: World) -> None:
    _district_schools(world)
    client = world.client_for("district")
    client.post(reverse("district:school_pairs"), {"min_gap": "27,5"})
    assert not SchoolPairing.objects.exists()  # 82 − 58 = 24 and 82 − 55 = 27 are both below 27,5
    client.post(reverse("district:school_pairs"), {"min_gap": "25,5"})
    pairing = SchoolPairing.objects.get()  # only the small school is 25,5 behind
    assert (pairing.supported.short_name, pairing.min_gap) == ("ООШ № 12", Decimal("25.5"))
    response = client.post(reverse("district:school_pairs"), {"min_gap": "много"})
    assert response.status_code == 400


def test_confirming_respects_the_leader_capacity(world: World) -> None:
    leader, similar, small = _district_schools(world)
    year = AcademicYear.current()
    first = SchoolPairing.objects.create(academic_year=year, leader=leader, supported=similar)
    second = SchoolPairing.objects.create(academic_year=year, leader=leader, supported=small)
    client = world.client_for("district")
    assert client.post(reverse("district:school_pair_confirm", args=[first.pk])).status_code == 302
    response = client.post(reverse("district:school_pair_confirm", args=[second.pk]), follow=True)
    assert "уже поддерживает столько школ, сколько может (1)" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PairingStatus.CONFIRMED, PairingStatus.PROPOSED)
    assert first.confirmed_by == world.people["district"].user


def test_a_new_run_keeps_confirmed_pairs_and_the_capacity_they_hold(world: World) -> None:
    leader, similar, _ = _district_schools(world)
    SchoolProfile.objects.filter(organisation=leader).update(capacity=2)
    user = world.people["district"].user
    services.run_school_pairing(world.district, AcademicYear.current(), SchoolRules(), user)
    assert SchoolPairing.objects.count() == 2
    services.confirm_school_pairing(SchoolPairing.objects.get(supported=similar), user)
    SchoolProfile.objects.filter(organisation=leader).update(capacity=1)
    result = services.run_school_pairing(world.district, AcademicYear.current(), SchoolRules(), user)
    assert result.pairs == ()
    assert list(SchoolPairing.objects.values_list("supported", "status")) == [(similar.pk, PairingStatus.CONFIRMED)]


def test_another_district_coordinator_gets_404_on_this_district(world: World) -> None:
    leader, similar, _ = _district_schools(world)
    pairing = SchoolPairing.objects.create(academic_year=AcademicYear.current(), leader=leader, supported=similar)
    client = world.client_for("other_district")
    assert client.post(reverse("district:school_pair_confirm", args=[pairing.pk])).status_code == 404
    assert client.get(reverse("district:school_profile", args=[similar.pk])).status_code == 404
    assert client.get(reverse("district:school_pairs"), {"territory": world.district.pk}).status_code == 404
    assert leader.short_name not in client.get(reverse("district:school_pairs")).content.decode()
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.PROPOSED


def test_school_managers_get_403(world: World) -> None:
    leader, similar, _ = _district_schools(world)
    pairing = SchoolPairing.objects.create(academic_year=AcademicYear.current(), leader=leader, supported=similar)
    client = world.client_for("director")
    assert client.get(reverse("district:school_pairs")).status_code == 403
    assert client.post(reverse("district:school_pair_confirm", args=[pairing.pk])).status_code == 403
    assert client.get(reverse("district:school_profile", args=[world.school.pk])).status_code == 403


def test_a_profile_by_hand_starts_from_the_low_results_flag(world: World) -> None:
    weak = OrganisationFactory(parent=world.district, short_name="СОШ № 9", low_results=True)
    client = world.client_for("district")
    url = reverse("district:school_profile", args=[weak.pk])
    form = client.get(url).context["form"]
    assert form.initial["role"] == SchoolRole.SUPPORTED
    response = client.post(
        url, {"results_index": "48,5", "students_count": "230", "is_rural": "on", "role": "supported", "capacity": "1"}
    )
    assert response.status_code == 302
    saved = SchoolProfile.objects.get(organisation=weak)
    assert (saved.results_index, saved.is_rural, saved.updated_by) == (
        Decimal("48.5"),
        True,
        world.people["district"].user,
    )


def test_a_bad_profile_shows_russian_field_errors(world: World) -> None:
    client = world.client_for("district")
    url = reverse("district:school_profile", args=[world.school.pk])
    response = client.post(url, {"results_index": "150", "students_count": "", "role": "leader", "capacity": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Укажите число обучающихся" in page
    assert "меньше либо равно 100" in page
    assert not SchoolProfile.objects.exists()


def test_the_schools_page_lists_the_territory_schools_with_their_profiles(world: World) -> None:
    _district_schools(world)
    page = world.client_for("district").get(reverse("district:schools")).content.decode()
    assert "школ-лидеров: 1, поддерживаемых: 2" in page
    assert world.school.short_name in page
    assert world.other_school.short_name not in page
