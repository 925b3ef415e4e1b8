"""Revoking consent: the curator and the director decide; the working group is refused with the same words."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import World


def _revoke(world: World, role: str) -> object:
    mentee = world.people["mentee"]
    consent = mentee.consents.get()
    return world.client_for(role).post(
        reverse("people:consent_revoke", args=[mentee.pk]), {"consent": consent.pk, "revoked_on": "01.12.2026"}
    )


def test_the_working_group_may_not_revoke_and_is_told_who_may(world: World) -> None:
    response = _revoke(world, "working_group")
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert "Отозвать согласие может только куратор или руководитель организации" in response.content.decode()  # type: ignore[attr-defined]
    assert world.people["mentee"].consents.get().revoked_on is None


def test_the_curator_revokes(world: World) -> None:
    assert _revoke(world, "curator").status_code == 302  # type: ignore[attr-defined]
    assert world.people["mentee"].consents.get().revoked_on is not None


def test_the_revoke_form_is_shown_only_to_those_who_may_revoke(world: World) -> None:
    url = reverse("people:detail", args=[world.people["mentee"].pk])
    for role, shown in [("working_group", False), ("curator", True), ("director", True)]:
        page = world.client_for(role).get(url).content.decode()
        assert ("Отозвать согласие" in page) is shown, role
