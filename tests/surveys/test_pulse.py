from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from nastavnik.bases.models import Admission
from nastavnik.pairs import services as pair_services
from nastavnik.pairs.models import Pair
from nastavnik.surveys.models import Invitation
from nastavnik.surveys.pulse import create_pulse_invitations
from tests.conftest import World


def _pair(world: World, days_ago: int) -> Pair:
    mentor = world.mentor_entry
    mentor.admission, mentor.capacity = Admission.ADMITTED, 2
    mentor.save()
    pair = pair_services.appoint(mentor, world.mentee_entry, None)
    Pair.objects.filter(pk=pair.pk).update(confirmed_at=timezone.now() - datetime.timedelta(days=days_ago))
    return pair


def test_a_pair_is_pulsed_after_thirty_days_once(world: World) -> None:
    _pair(world, days_ago=31)
    today = timezone.localdate()
    first = create_pulse_invitations(today)
    second = create_pulse_invitations(today)
    assert (first.campaigns, first.invitations) == (2, 2)
    assert (second.campaigns, second.invitations) == (0, 0)
    people = set(Invitation.objects.values_list("person_id", "campaign__version__instrument__code"))
    assert people == {
        (world.people["mentee"].pk, "mentee-satisfaction"),
        (world.people["mentor"].pk, "mentor-satisfaction"),
    }


def test_a_young_pair_is_not_pulsed_yet(world: World) -> None:
    _pair(world, days_ago=10)
    assert create_pulse_invitations(timezone.localdate()).invitations == 0


def test_a_completed_pair_gets_the_completion_pulse(world: World) -> None:
    pair = _pair(world, days_ago=5)
    Pair.objects.filter(pk=pair.pk).update(status="completed")
    out = StringIO()
    call_command("send-pulse-surveys", stdout=out)
    assert "новых приглашений: 2 (приглашения)" in out.getvalue()
    assert Invitation.objects.filter(campaign__title__contains="при завершении").count() == 2
