"""Labels that say what they mean and main actions in plain sight (issue 14, «Easier to use»)."""

from __future__ import annotations

from django.urls import reverse

from nastavnik.bases.models import Admission
from tests.conftest import World


def test_the_consent_filter_offers_any_rather_than_unknown(world: World) -> None:
    page = world.client_for("curator").get(reverse("people:list")).content.decode()
    assert '<option value="" selected>любое</option>' in page
    assert "Неизвестно" not in page


def test_an_admitted_mentor_is_not_invited_to_become_a_mentor(world: World) -> None:
    world.mentor_entry.admission = Admission.ADMITTED
    world.mentor_entry.save()
    page = world.client_for("mentor").get(reverse("home")).content.decode()
    assert "Хотите стать наставником?" not in page


def test_a_teacher_without_an_admission_is_invited(world: World) -> None:
    page = world.client_for("teacher").get(reverse("home")).content.decode()
    assert "Хотите стать наставником?" in page


def test_speed_meeting_events_have_their_own_menu_name(world: World) -> None:
    page = world.client_for("mentee").get(reverse("home")).content.decode()
    assert "Групповые встречи" in page
    assert "Мои встречи" not in page


def test_match_pairs_is_not_hidden_in_a_collapsed_block(world: World) -> None:
    page = world.client_for("curator").get(reverse("pairs:board")).content.decode()
    assert '<h2 id="match-heading">Подобрать пары</h2>' in page
    assert "<summary>Подобрать пары</summary>" not in page
