"""A programme reaches the director's approval only with a mentoring form and a nudge threshold."""

from __future__ import annotations

from django.urls import reverse

from nastavnik.programmes.models import Programme, ProgrammeStatus
from tests.conftest import World

APPROVE = {"to": "approved", "approved_on": "2026-09-05", "approval_document": "Приказ № 45"}


def _draft(world: World) -> Programme:
    programme = world.programme
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    return programme


def _approve(world: World, programme: Programme) -> str:
    url = reverse("programmes:status", args=[programme.pk])
    return world.client_for("director").post(url, APPROVE, follow=True).content.decode()


def test_a_programme_without_mentoring_forms_is_not_approved(world: World) -> None:
    programme = _draft(world)
    programme.forms.all().delete()
    page = _approve(world, programme)
    assert "не выбрана ни одна форма наставничества" in page
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT


def test_a_programme_with_a_zero_nudge_threshold_is_not_approved(world: World) -> None:
    programme = _draft(world)
    programme.nudge_weeks = 0
    programme.save()
    page = _approve(world, programme)
    assert "не меньше 1 недели" in page
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT


def test_a_complete_programme_is_approved(world: World) -> None:
    programme = _draft(world)
    assert programme.forms.exists() and programme.nudge_weeks >= 1
    _approve(world, programme)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.APPROVED
