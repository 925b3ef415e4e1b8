"""The demo shows completion at work: results, evaluations, awards, a new mentor, levels, practices."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from nastavnik.bases.models import Admission, MentorEntry, StatusLevel
from nastavnik.demo.accounts import DEMO_PASSWORD
from nastavnik.diary.models import Award, AwardKind, PairEvaluation, StatusChange, StatusChangeKind
from nastavnik.orgs.models import AcademicYear
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.practices.models import BestPractice, PracticeFile


@pytest.fixture
def demo(db: None, settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    call_command("demo-data", stdout=io.StringIO())


def _client(username: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    return client


def test_last_years_pairs_have_results_evaluations_and_decisions(demo: None) -> None:
    previous = AcademicYear.current().start_year - 1
    pairs = Pair.objects.filter(programme__academic_year__start_year=previous, status=PairStatus.COMPLETED)
    assert pairs.count() >= 3
    for pair in pairs:
        assert pair.decision and pair.completed_at is not None
        assert all(m.satisfaction and m.result_note for m in pair.members.all())
        sides = sorted(PairEvaluation.objects.filter(pair=pair).values_list("side", flat=True))
        assert sides == ["mentee"] * pair.members.count() + ["mentor"]
    assert any(m.outcomes for p in pairs for m in p.members.all())


def test_a_mentee_became_a_mentor_and_applied(demo: None) -> None:
    change = StatusChange.objects.get(kind=StatusChangeKind.MENTEE_TO_MENTOR)
    entry = MentorEntry.objects.get(person=change.person)
    assert entry.admission == Admission.APPLIED
    assert entry.programme.academic_year == AcademicYear.current()


def test_a_gold_mentor_with_history_and_awards(demo: None) -> None:
    change = StatusChange.objects.get(kind=StatusChangeKind.MENTOR_LEVEL, new_value=StatusLevel.GOLD)
    assert "завершённые пары" in change.reason or "завершённых пар" in change.reason
    current = MentorEntry.objects.get(person=change.person, programme__academic_year=AcademicYear.current())
    # At least gold: levels never go down, and on PostgreSQL a later rating can take the mentor further.
    assert current.status_level in {StatusLevel.GOLD, StatusLevel.PLATINUM}
    certificate = Award.objects.get(kind=AwardKind.CERTIFICATE)
    assert certificate.person == change.person
    assert Award.objects.filter(kind=AwardKind.THANKS).count() == 1
    page = _client("curator").get(reverse("pairs:level_history", args=[current.pk])).content.decode()
    assert "Начальный" in page and "Золотой" in page
    pdf = _client("curator").get(reverse("documents:award_pdf", args=[certificate.pk]))
    text = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()  # type: ignore[attr-defined]
    assert (
        certificate.person.full_name in text.replace("\n", " ") and certificate.issued_on.strftime("%d.%m.%Y") in text
    )


def test_two_practices_one_with_a_file_and_a_long_term_pair(demo: None) -> None:
    assert BestPractice.objects.count() == 2
    assert all(p.tag_list for p in BestPractice.objects.all())
    item = PracticeFile.objects.get()
    response = _client("curator").get(reverse("practices:file", args=[item.pk]))
    assert response.status_code == 200 and "Ровесник" in b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    long_term = Pair.objects.get(is_long_term=True)
    assert long_term.status == PairStatus.ACTIVE and long_term.programme.academic_year == AcademicYear.current()
    preview = _client("curator").get(reverse("programmes:carry_over", args=[long_term.programme_id]))
    assert "долгосрочные пары (1 пара)" in preview.content.decode()
