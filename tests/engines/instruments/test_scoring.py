"""«Ключ к себе» scored by hand, every boundary of every scale, and properties of the key."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.engines.instruments.schema import BAND_NAMES, Instrument, load_instrument, parse_instrument
from nastavnik.engines.instruments.scoring import ScaleResult, ScoringError, band_of, scale_score, score_instrument
from tests.engines.instruments.helpers import (
    PRODUCT_KEY,
    REAL_KEY_TO_SELF,
    SLUGS,
    expected_band,
    expected_score,
    key_to_self_definition,
    plain_definition,
    scale_question,
    sheet,
)

FIXTURE = parse_instrument(key_to_self_definition())


@pytest.fixture(params=["fixture", "real"])
def key_to_self(request: pytest.FixtureRequest) -> Instrument:
    """Both the fixture built from PRODUCT.md and the real file: a wrong file fails these tests."""
    if request.param == "fixture":
        return FIXTURE
    return load_instrument(REAL_KEY_TO_SELF)


def scores(instrument: Instrument, answers: dict[str, int]) -> dict[str, tuple[int, str | None]]:
    return {result.slug: (result.score, result.band) for result in score_instrument(instrument, answers)}


# A sheet scored by hand (q1…q21):
#   mastery    q2 4 + q6 4 + q7 3 + q9 3 + q10 2 + q15 3 + q18 4 + q20 4 − q19 1 = 26 → high
#   optimism   q1 3 + q2 4 + q6 4 + q11 3 + q14 4 + q16 2 + q20 4 − q4 1 = 23 → high
#   community  q5 2 + q7 3 + q8 4 + q12 4 + q13 3 + q15 3 + q21 3 = 22 → middle (boundary)
#   choice     q1 3 + q13 3 + q16 2 + q17 3 + q18 4 = 15 → middle
#   resilience q3 2 + q11 3 + q14 4 + q18 4 + q20 4 − q4 1 − q5 2 − q19 1 = 13 → high
HAND_SHEET = dict(
    zip((f"q{n}" for n in range(1, 22)), (3, 4, 2, 1, 2, 4, 3, 4, 3, 2, 3, 4, 3, 4, 3, 2, 3, 4, 1, 4, 3), strict=True)
)


def test_a_sheet_scored_by_hand(key_to_self: Instrument) -> None:
    assert scores(key_to_self, HAND_SHEET) == {
        "mastery": (26, "high"),
        "optimism": (23, "high"),
        "community": (22, "middle"),
        "choice": (15, "middle"),
        "resilience": (13, "high"),
    }


def test_all_ones_and_all_fours(key_to_self: Instrument) -> None:
    # all 1: 8−1, 7−1, 7, 5, 5−3; all 4: 32−4, 28−4, 28, 20, 20−12 (resilience stays middle)
    assert scores(key_to_self, sheet(1)) == {
        "mastery": (7, "low"),
        "optimism": (6, "low"),
        "community": (7, "low"),
        "choice": (5, "low"),
        "resilience": (2, "low"),
    }
    assert scores(key_to_self, sheet(4)) == {
        "mastery": (28, "high"),
        "optimism": (24, "high"),
        "community": (28, "high"),
        "choice": (20, "high"),
        "resilience": (8, "middle"),
    }


# Each row: the scale, the items that decide it (others stay 1), the score worked out by hand, the band.
BOUNDARIES = [
    # mastery: q2 q6 q7 q9 q10 q15 q18 q20 − q19; high > 25, middle 12–25, low < 12
    ("mastery", {"q2": 4, "q6": 4, "q7": 4, "q9": 4, "q10": 3, "q15": 3, "q18": 3, "q20": 3, "q19": 2}, 26, "high"),
    ("mastery", {"q2": 4, "q6": 4, "q7": 4, "q9": 4, "q10": 3, "q15": 3, "q18": 3, "q20": 3, "q19": 3}, 25, "middle"),
    ("mastery", {"q2": 2, "q6": 2, "q7": 2, "q9": 2, "q10": 2, "q15": 2, "q18": 2, "q20": 2, "q19": 4}, 12, "middle"),
    ("mastery", {"q2": 2, "q6": 2, "q7": 2, "q9": 2, "q10": 2, "q15": 2, "q18": 2, "q20": 1, "q19": 4}, 11, "low"),
    # optimism: q1 q2 q6 q11 q14 q16 q20 − q4; high > 22, middle 10–22, low < 10
    ("optimism", {"q1": 4, "q2": 4, "q6": 4, "q11": 3, "q14": 3, "q16": 3, "q20": 3, "q4": 1}, 23, "high"),
    ("optimism", {"q1": 4, "q2": 4, "q6": 4, "q11": 3, "q14": 3, "q16": 3, "q20": 3, "q4": 2}, 22, "middle"),
    ("optimism", {"q1": 2, "q2": 2, "q6": 2, "q11": 2, "q14": 2, "q16": 2, "q20": 1, "q4": 3}, 10, "middle"),
    ("optimism", {"q1": 2, "q2": 2, "q6": 2, "q11": 2, "q14": 2, "q16": 2, "q20": 1, "q4": 4}, 9, "low"),
    # community: q5 q7 q8 q12 q13 q15 q21; high > 22, middle 11–22, low < 11
    ("community", {"q5": 4, "q7": 4, "q8": 3, "q12": 3, "q13": 3, "q15": 3, "q21": 3}, 23, "high"),
    ("community", {"q5": 4, "q7": 3, "q8": 3, "q12": 3, "q13": 3, "q15": 3, "q21": 3}, 22, "middle"),
    ("community", {"q5": 2, "q7": 2, "q8": 2, "q12": 2, "q13": 1, "q15": 1, "q21": 1}, 11, "middle"),
    ("community", {"q5": 2, "q7": 2, "q8": 2, "q12": 1, "q13": 1, "q15": 1, "q21": 1}, 10, "low"),
    # choice: q1 q13 q16 q17 q18; high > 17, middle 10–17, low < 10
    ("choice", {"q1": 4, "q13": 4, "q16": 4, "q17": 3, "q18": 3}, 18, "high"),
    ("choice", {"q1": 4, "q13": 4, "q16": 3, "q17": 3, "q18": 3}, 17, "middle"),
    ("choice", {"q1": 2, "q13": 2, "q16": 2, "q17": 2, "q18": 2}, 10, "middle"),
    ("choice", {"q1": 2, "q13": 2, "q16": 2, "q17": 2, "q18": 1}, 9, "low"),
    # resilience: q3 q11 q14 q18 q20 − q4 − q5 − q19; high > 11, middle 3–11, low < 3
    ("resilience", {"q3": 4, "q11": 4, "q14": 4, "q18": 3, "q20": 3, "q4": 2, "q5": 2, "q19": 2}, 12, "high"),
    ("resilience", {"q3": 4, "q11": 4, "q14": 3, "q18": 3, "q20": 3, "q4": 2, "q5": 2, "q19": 2}, 11, "middle"),
    ("resilience", {"q3": 2, "q11": 2, "q14": 2, "q18": 2, "q20": 2, "q4": 3, "q5": 2, "q19": 2}, 3, "middle"),
    ("resilience", {"q3": 2, "q11": 2, "q14": 2, "q18": 2, "q20": 2, "q4": 3, "q5": 3, "q19": 2}, 2, "low"),
]


@pytest.mark.parametrize(("slug", "items", "score", "band"), BOUNDARIES, ids=[f"{b[0]}-{b[2]}" for b in BOUNDARIES])
def test_every_boundary_of_every_scale(
    key_to_self: Instrument, slug: str, items: dict[str, int], score: int, band: str
) -> None:
    assert scores(key_to_self, sheet(1, **items))[slug] == (score, band)


def test_results_carry_the_name_and_the_feedback_of_the_band(key_to_self: Instrument) -> None:
    results = score_instrument(key_to_self, HAND_SHEET)
    assert [result.slug for result in results] == list(SLUGS)
    assert key_to_self.scoring is not None
    for result, scale in zip(results, key_to_self.scoring.scales, strict=True):
        assert result.name == scale.name and result.text == band_of(scale, result.score).text
        assert result.text.strip()


def test_the_real_key_matches_the_product_table() -> None:
    instrument = load_instrument(REAL_KEY_TO_SELF)
    assert (instrument.min_age, instrument.once_per_year) == (14, True)
    assert [q.id for q in instrument.questions if q.type == "scale"] == [f"q{n}" for n in range(1, 22)]
    assert all((q.min_value, q.max_value) == (1, 4) for q in instrument.questions if q.type == "scale")
    assert [q.type for q in instrument.questions if q.type != "scale"] == ["consent"]
    assert instrument.scoring is not None
    table = {
        scale.slug: (
            tuple(sorted(int(item[1:]) for item in scale.items if item not in scale.negative)),
            tuple(sorted(int(item[1:]) for item in scale.negative)),
            [(band.band, band.lowest, band.highest) for band in scale.bands],
        )
        for scale in instrument.scoring.scales
    }
    assert list(table) == list(SLUGS)
    for slug, (name, positive, negative, low, high) in PRODUCT_KEY.items():
        assert table[slug] == (
            positive,
            negative,
            [("low", None, low - 1), ("middle", low, high), ("high", high + 1, None)],
        )
        assert instrument.scoring.scales[SLUGS.index(slug)].name.startswith(name)


# --- properties --------------------------------------------------------------------------------

SHEETS = st.fixed_dictionaries({f"q{n}": st.integers(1, 4) for n in range(1, 22)})


@given(SHEETS)
def test_score_is_positive_items_minus_negative_items_and_the_band_follows_the_table(answers: dict[str, int]) -> None:
    for result in score_instrument(FIXTURE, answers):
        assert result.score == expected_score(result.slug, answers)
        assert result.band == expected_band(result.slug, result.score)


@given(SHEETS)
def test_the_real_key_agrees_with_the_product_table_on_any_sheet(answers: dict[str, int]) -> None:
    if not REAL_KEY_TO_SELF.exists():
        return
    for result in score_instrument(_real(), answers):
        assert (result.score, result.band) == (
            expected_score(result.slug, answers),
            expected_band(result.slug, result.score),
        )


@functools.cache
def _real() -> Instrument:
    return load_instrument(REAL_KEY_TO_SELF)


@st.composite
def random_scale(draw: st.DrawFn) -> tuple[Instrument, list[str], list[str]]:
    count = draw(st.integers(1, 8))
    ids = [f"i{n}" for n in range(count)]
    negative = [item for item in ids if draw(st.booleans())]
    low = draw(st.integers(-20, 20))
    high = draw(st.integers(low, low + 20))
    scale: dict[str, Any] = {
        "slug": "s",
        "name": "Шкала",
        "items": ids,
        "negative": negative,
        "bands": [
            {"band": "low", "below": low, "text": "низко"},
            {"band": "middle", "from": low, "to": high, "text": "средне"},
            {"band": "high", "above": high, "text": "высоко"},
        ],
    }
    definition = {
        **plain_definition(),
        "sections": [{"questions": [scale_question(item, low=0, high=9) for item in ids]}],
        "scoring": {"kind": "scales", "scales": [scale]},
    }
    return parse_instrument(definition), ids, negative


@given(random_scale(), st.data())
def test_any_key_sums_positive_minus_negative_raw_values(
    built: tuple[Instrument, list[str], list[str]], data: st.DataObject
) -> None:
    instrument, ids, negative = built
    answers = {item: data.draw(st.integers(0, 9)) for item in ids}
    (result,) = score_instrument(instrument, answers)
    assert result.score == sum(answers[i] for i in ids if i not in negative) - sum(answers[i] for i in negative)


@given(random_scale(), st.integers(-100, 100), st.integers(-100, 100))
def test_the_band_is_monotone_in_the_score(built: tuple[Instrument, list[str], list[str]], a: int, b: int) -> None:
    instrument, _, _ = built
    assert instrument.scoring is not None
    scale = instrument.scoring.scales[0]
    lower, upper = sorted((a, b))
    assert BAND_NAMES.index(band_of(scale, lower).band) <= BAND_NAMES.index(band_of(scale, upper).band)


# --- edges ---------------------------------------------------------------------------------------


def test_a_missing_item_is_a_scoring_error_naming_it() -> None:
    answers = sheet(2)
    del answers["q19"]
    assert FIXTURE.scoring is not None
    with pytest.raises(ScoringError) as caught:
        scale_score(FIXTURE.scoring.scales[0], answers)
    assert str(caught.value) == "q19: нет числового ответа для шкалы «Понимание мастерства»"


def test_an_instrument_without_a_key_has_no_scores() -> None:
    assert score_instrument(parse_instrument(plain_definition()), {"q1": 3}) == ()


def test_a_scale_without_bands_reports_the_bare_score() -> None:
    definition = {
        **plain_definition(),
        "scoring": {"kind": "scales", "scales": [{"slug": "x", "name": "Икс", "items": ["q1"], "negative": []}]},
    }
    assert score_instrument(parse_instrument(definition), {"q1": 3}) == (ScaleResult("x", "Икс", 3, None, ""),)


def test_a_result_is_json_ready() -> None:
    result = ScaleResult(
        "mastery", "Понимание мастерства", 26, "high", "Ты знаешь цену мастерства.", "Определение.", "Больше 25 баллов"
    )
    assert result.as_dict() == {
        "slug": "mastery",
        "name": "Понимание мастерства",
        "score": 26,
        "band": "high",
        "text": "Ты знаешь цену мастерства.",
        "definition": "Определение.",
        "range": "Больше 25 баллов",
    }


def test_the_definition_and_the_printed_range_travel_with_the_score() -> None:
    definition = {
        **plain_definition(),
        "scoring": {
            "kind": "scales",
            "scales": [
                {
                    "slug": "x",
                    "name": "Икс",
                    "definition": "Икс - это умение.",
                    "items": ["q1"],
                    "negative": [],
                    "bands": [
                        {"band": "high", "above": 3, "range": "Больше 3 баллов", "text": "Много."},
                        {"band": "middle", "from": 2, "to": 3, "range": "2-3 балла", "text": "Средне."},
                        {"band": "low", "below": 2, "range": "Ниже 2 баллов", "text": "Мало."},
                    ],
                }
            ],
        },
    }
    (result,) = score_instrument(parse_instrument(definition), {"q1": 3})
    assert (result.band, result.definition, result.range_text) == ("middle", "Икс - это умение.", "2-3 балла")
