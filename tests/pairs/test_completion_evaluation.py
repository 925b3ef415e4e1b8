"""Mutual evaluation: each side rates the other from their own account, once, while it is open."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.diary import completion
from nastavnik.diary.completion import PairError
from nastavnik.diary.models import PairEvaluation
from nastavnik.pairs.models import Decision, Pair, PairStatus
from tests.conftest import World
from tests.pairs.matrix_completion import active_pair


def _evaluate(world: World, role: str, pair: Pair, **data: str) -> object:
    return world.client_for(role).post(reverse("pairs:evaluate", args=[pair.pk]), data)


def test_the_mentor_and_the_mentee_rate_each_other_once(world: World) -> None:
    pair = active_pair(world)
    assert _evaluate(world, "mentor", pair, score="5", comment="Очень старалась").status_code == 302  # type: ignore[attr-defined]
    assert _evaluate(world, "mentee", pair, score="4", comment="Помог с задачами").status_code == 302  # type: ignore[attr-defined]
    rows = {(e.author_id, e.side, e.score) for e in PairEvaluation.objects.all()}
    assert rows == {(world.people["mentor"].pk, "mentor", 5), (world.people["mentee"].pk, "mentee", 4)}
    # A second mark of the same author replaces the first one.
    _evaluate(world, "mentee", pair, score="3")
    assert PairEvaluation.objects.count() == 2
    assert PairEvaluation.objects.get(author=world.people["mentee"]).score == 3


def test_the_evaluation_page_works_on_a_phone_sized_form(world: World) -> None:
    pair = active_pair(world)
    page = world.client_for("mentee").get(reverse("pairs:evaluate", args=[pair.pk])).content.decode()
    assert "Оцените работу наставника" in page and world.people["mentor"].full_name in page
    assert page.count('type="radio"') == 5
    page = world.client_for("mentor").get(reverse("pairs:evaluate", args=[pair.pk])).content.decode()
    assert "Оцените работу наставляемых" in page and world.people["mentee"].full_name in page


@pytest.mark.parametrize("score", ["", "0", "6", "пять"])
def test_a_bad_score_is_a_russian_field_error(world: World, score: str) -> None:
    pair = active_pair(world)
    response = _evaluate(world, "mentee", pair, score=score)
    assert response.status_code == 200  # type: ignore[attr-defined]
    text = response.content.decode()  # type: ignore[attr-defined]
    assert "Поставьте оценку от 1 до 5." in text or "Оценка — от 1 до 5." in text
    assert not PairEvaluation.objects.exists()


def test_marks_are_accepted_for_thirty_days_after_completion(world: World) -> None:
    pair = active_pair(world)
    completion.complete_pair(pair, None, Decision.STOP, "", [])
    pair.refresh_from_db()
    mentee = world.people["mentee"]
    assert completion.save_evaluation(pair, mentee, 5, "").score == 5
    Pair.objects.filter(pk=pair.pk).update(completed_at=timezone.now() - datetime.timedelta(days=31))
    pair.refresh_from_db()
    assert not completion.evaluation_open(pair)
    with pytest.raises(PairError, match="в течение 30 дней"):
        completion.save_evaluation(pair, mentee, 2, "")
    response = _evaluate(world, "mentee", pair, score="2")
    assert "Оценки закрыты" in response.content.decode()  # type: ignore[attr-defined]
    assert PairEvaluation.objects.get().score == 5


def test_a_pair_that_has_not_started_cannot_be_rated(world: World) -> None:
    pair = active_pair(world)
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.FIXED)
    pair.refresh_from_db()
    with pytest.raises(PairError, match="работающую или недавно завершённую"):
        completion.save_evaluation(pair, world.people["mentor"], 4, "")


def test_only_the_participants_rate(world: World) -> None:
    pair = active_pair(world)
    assert _evaluate(world, "curator", pair, score="5").status_code == 403  # type: ignore[attr-defined]
    assert _evaluate(world, "other_curator", pair, score="5").status_code == 404  # type: ignore[attr-defined]
    with pytest.raises(PairError, match="только её наставник и наставляемые"):
        completion.save_evaluation(pair, world.people["teacher"], 5, "")
    assert not PairEvaluation.objects.exists()


def test_a_participant_sees_only_their_own_mark_on_the_pair_page(world: World) -> None:
    pair = active_pair(world)
    completion.save_evaluation(pair, world.people["mentor"], 5, "Умница")
    completion.save_evaluation(pair, world.people["mentee"], 4, "Спасибо за терпение")
    curator_page = world.client_for("curator").get(reverse("pairs:detail", args=[pair.pk])).content.decode()
    assert "Умница" in curator_page and "Спасибо за терпение" in curator_page
    mentee_page = world.client_for("mentee").get(reverse("pairs:detail", args=[pair.pk])).content.decode()
    assert "Спасибо за терпение" in mentee_page and "Умница" not in mentee_page
    assert "Изменить оценку" in mentee_page
