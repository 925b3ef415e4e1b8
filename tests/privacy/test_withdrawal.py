"""Withdrawal of the last consent stops processing: bases, pairs, contacts, sensitive data, texts, links."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.diary.models import MeetingRating
from nastavnik.pairs.models import MentorChangeRequest, PairStatus, PairTransition
from nastavnik.people import services
from nastavnik.people.models import Consent, Person, SensitiveInfo
from nastavnik.privacy.withdrawal import strip_free_text
from nastavnik.programmes.models import CalendarFeed
from nastavnik.surveys.models import Invitation
from tests.conftest import World
from tests.privacy.people import BIRTH, DAY, EMAIL, LAST_NAME, PHONE, subject

pytestmark = pytest.mark.django_db


def _withdraw(person: Person) -> dict[str, int]:
    return services.revoke_consent(person.consents.get(), DAY)


def test_withdrawal_dissolves_the_open_pair_and_takes_the_person_out_of_the_base(world: World) -> None:
    s = subject(world)
    _withdraw(s.person)
    s.pair.refresh_from_db()
    assert s.pair.status == PairStatus.DISSOLVED
    assert s.pair.end_reason == "отзыв согласия"
    assert PairTransition.objects.filter(pair=s.pair, to_status=PairStatus.DISSOLVED, reason="отзыв согласия").exists()
    entry = MenteeEntry.objects.get(pk=world.mentee_entry.pk)
    assert entry.status == MenteeStatus.WITHDRAWN
    assert "отзыв согласия" in entry.comment
    assert entry.goal == "" and entry.interests == ""


def test_withdrawal_keeps_only_the_name_birth_date_and_class(world: World) -> None:
    s = subject(world)
    _withdraw(s.person)
    person = Person.objects.get(pk=s.person.pk)
    assert (person.last_name, person.birth_date) == (LAST_NAME, BIRTH)
    assert person.email == "" and person.phone == ""
    assert person.memberships.get().class_name == "7А"
    assert not SensitiveInfo.objects.filter(person=person).exists()
    assert MeetingRating.objects.get(person=person).comment == ""
    assert MentorChangeRequest.objects.get(person=person).reason == ""


def test_withdrawal_purges_the_history_of_the_deleted_fields(world: World) -> None:
    s = subject(world)
    _withdraw(s.person)
    assert not Person.history.filter(id=s.person.pk, email=EMAIL).exists()
    assert not Person.history.filter(id=s.person.pk, phone=PHONE).exists()
    assert not SensitiveInfo.history.filter(person_id=s.person.pk).exists()
    assert not MenteeEntry.history.filter(person_id=s.person.pk).exclude(interests="").exists()


def test_calendar_feed_and_survey_link_stop_working(world: World) -> None:
    s = subject(world)
    _withdraw(s.person)
    assert not CalendarFeed.objects.filter(person=s.person).exists()
    assert (
        world.client_for("anonymous").get(reverse("programmes:ical", args=["secret-calendar-token"])).status_code == 404
    )
    assert Invitation.objects.get(pk=s.invitation.pk).token != "open-survey-token"
    assert world.client_for("anonymous").get(reverse("surveys:answer", args=["open-survey-token"])).status_code == 404


def test_a_mentor_who_withdraws_leaves_the_base_with_the_reason(world: World) -> None:
    s = subject(world)
    mentor = world.people["mentor"]
    services.revoke_consent(mentor.consents.get(), DAY)
    entry = MentorEntry.objects.get(pk=world.mentor_entry.pk)
    assert entry.admission == Admission.REJECTED
    assert "отзыв согласия" in entry.admission_reason
    s.pair.refresh_from_db()
    assert s.pair.status == PairStatus.DISSOLVED


def test_revoking_one_of_two_consents_changes_nothing_else(world: World) -> None:
    s = subject(world)
    services.record_consent(s.person, given_on=DAY, given_by="parent", guardian_name="Белозерцева Анна")
    assert services.revoke_consent(s.person.consents.order_by("id").first(), DAY) == {}  # type: ignore[arg-type]
    s.pair.refresh_from_db()
    assert s.pair.status == PairStatus.ACTIVE
    assert Person.objects.get(pk=s.person.pk).email == EMAIL


def test_the_revoke_button_says_what_happened(world: World) -> None:
    s = subject(world)
    consent = Consent.objects.get(person=s.person)
    response = world.client_for("curator").post(
        reverse("people:consent_revoke", args=[s.person.pk]),
        {"consent": consent.pk, "revoked_on": DAY.isoformat()},
        follow=True,
    )
    text = response.content.decode()
    assert "Согласие отозвано" in text and "Обработка персональных данных прекращена" in text
    assert "расформировано пар: 1" in text


def test_free_text_answers_are_dropped_and_choices_kept() -> None:
    questions = [{"id": "q1", "type": "text"}, {"id": "q2", "type": "single"}, {"id": "q3", "type": "multiple"}]
    answers = {"q1": "Меня зовут Яра", "q2": {"other": "свой вариант"}, "q3": ["a", {"other": "ещё"}], "q4": 3}
    assert strip_free_text(questions, answers) == {"q3": ["a"], "q4": 3}
