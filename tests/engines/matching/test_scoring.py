"""Scoring model: hard rules and their Russian texts, score components,
settings validation, and the purity of the engine (edges, ranking, unmatched mentees: test_scoring_edges.py)."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from nastavnik.engines.matching.errors import MatchingInputError
from nastavnik.engines.matching.scoring import (
    Reason,
    Rules,
    Weights,
    evaluate,
)
from tests.engines.matching.scoring_support import (
    FORMS_YAML,
    LABELS,
    PROBLEMS_ONLY,
    failure,
    mentee,
    mentor,
    only,
    texts,
)

# --- hard rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "minimum", "text"),
    [
        (3, 5, "Стаж наставника 3 года — меньше 5 лет, требуемых формой"),
        (1, 2, "Стаж наставника 1 год — меньше 2 лет, требуемых формой"),
        (0, 1, "Стаж наставника 0 лет — меньше 1 года, требуемого формой"),
        (5, 11, "Стаж наставника 5 лет — меньше 11 лет, требуемых формой"),
        (11, 21, "Стаж наставника 11 лет — меньше 21 года, требуемого формой"),
        (21, 25, "Стаж наставника 21 год — меньше 25 лет, требуемых формой"),
        (2, 22, "Стаж наставника 2 года — меньше 22 лет, требуемых формой"),
    ],
)
def test_mentor_with_too_little_experience_is_ineligible(years: int, minimum: int, text: str) -> None:
    rules = Rules(mentor_min_experience_years=minimum)
    assert failure(mentee(), mentor(experience_years=years), rules) == text


def test_mentor_with_exactly_the_required_experience_is_eligible() -> None:
    assert evaluate(mentee(), mentor(experience_years=5), Weights(), Rules(mentor_min_experience_years=5)).eligible


def test_mentor_without_known_experience_fails_the_experience_rule() -> None:
    text = failure(mentee(), mentor(experience_years=None), Rules(mentor_min_experience_years=5))
    assert text == "Стаж наставника не указан, а форма требует не меньше 5 лет"


@pytest.mark.parametrize(
    ("years", "maximum", "text"),
    [
        (6, 5, "Стаж наставляемого 6 лет — больше 5 лет, допустимых формой"),
        (2, 1, "Стаж наставляемого 2 года — больше 1 года, допустимого формой"),
        (1, 0, "Стаж наставляемого 1 год — больше 0 лет, допустимых формой"),
        (21, 11, "Стаж наставляемого 21 год — больше 11 лет, допустимых формой"),
        (22, 21, "Стаж наставляемого 22 года — больше 21 года, допустимого формой"),
    ],
)
def test_young_specialist_form_rejects_an_experienced_mentee(years: int, maximum: int, text: str) -> None:
    rules = Rules(mentee_max_experience_years=maximum)
    assert failure(mentee(experience_years=years), mentor(), rules) == text


def test_mentee_with_the_maximum_experience_is_still_a_young_specialist() -> None:
    assert evaluate(mentee(experience_years=5), mentor(), Weights(), Rules(mentee_max_experience_years=5)).eligible


def test_mentee_without_known_experience_fails_the_young_specialist_rule() -> None:
    text = failure(mentee(experience_years=None), mentor(), Rules(mentee_max_experience_years=5))
    assert text == "Стаж наставляемого не указан, а форма допускает не больше 5 лет"


@pytest.mark.parametrize(
    ("mentor_grade", "mentee_grade", "minimum", "text"),
    [
        (8, 7, 2, "Наставник старше наставляемого на 1 класс, требуется не меньше 2"),
        (9, 7, 5, "Наставник старше наставляемого на 2 класса, требуется не меньше 5"),
        (10, 5, 11, "Наставник старше наставляемого на 5 классов, требуется не меньше 11"),
        (22, 11, 21, "Наставник старше наставляемого на 11 классов, требуется не меньше 21"),
        (22, 1, 22, "Наставник старше наставляемого на 21 класс, требуется не меньше 22"),
        (
            7,
            7,
            2,
            "Наставник и наставляемый из одной параллели, а наставник должен быть старше не меньше чем на 2 класса",
        ),
        (6, 7, 1, "Наставник младше наставляемого на 1 класс, а наставник должен быть старше не меньше чем на 1 класс"),
        (
            2,
            7,
            5,
            "Наставник младше наставляемого на 5 классов, а наставник должен быть старше не меньше чем на 5 классов",
        ),
        (6, 7, 0, "Наставник младше наставляемого на 1 класс, а наставник не должен быть младше наставляемого"),
    ],
)
def test_peer_mentor_must_be_older_by_the_form_grade_gap(
    mentor_grade: int, mentee_grade: int, minimum: int, text: str
) -> None:
    rules = Rules(min_grade_gap=minimum)
    assert failure(mentee(grade=mentee_grade), mentor(grade=mentor_grade), rules) == text


def test_peer_mentor_older_by_exactly_the_gap_is_eligible() -> None:
    assert evaluate(mentee(grade=7), mentor(grade=9), Weights(), Rules(min_grade_gap=2)).eligible
    assert evaluate(mentee(grade=7), mentor(grade=7), Weights(), Rules(min_grade_gap=0)).eligible


@pytest.mark.parametrize(
    ("mentor_grade", "mentee_grade", "who"),
    [(None, 7, "наставника"), (9, None, "наставляемого"), (None, None, "наставника и наставляемого")],
)
def test_unknown_grade_fails_the_grade_rule(mentor_grade: int | None, mentee_grade: int | None, who: str) -> None:
    text = failure(mentee(grade=mentee_grade), mentor(grade=mentor_grade), Rules(min_grade_gap=2))
    assert text == f"Не указан класс {who}, а наставник должен быть старше не меньше чем на 2 класса"


def test_grades_are_ignored_when_the_form_has_no_grade_rule() -> None:
    assert evaluate(mentee(grade=9), mentor(grade=5), Weights(), Rules()).eligible


def test_mentor_from_another_organisation_is_ineligible_when_the_form_says_so() -> None:
    rules = Rules(same_organisation_only=True)
    assert failure(mentee(), mentor(organisation="school-2"), rules) == "Наставник из другой организации"
    assert evaluate(mentee(), mentor(), Weights(), rules).eligible


def test_same_class_is_forbidden_only_when_the_curator_says_so() -> None:
    same_class = (mentee(grade=7, class_name="7А"), mentor(grade=9, class_name="7А"))
    text = failure(*same_class, Rules(forbid_same_class=True))
    assert text == "Один класс: для этой формы пары из одного класса запрещены"
    assert evaluate(*same_class, Weights(), Rules()).eligible


def test_same_class_name_in_another_organisation_is_another_class() -> None:
    rules = Rules(forbid_same_class=True)
    assert evaluate(
        mentee(class_name="7А"), mentor(class_name="7А", organisation="school-2"), Weights(), rules
    ).eligible
    assert evaluate(mentee(class_name="7А"), mentor(class_name="7Б"), Weights(), rules).eligible
    assert evaluate(mentee(class_name=""), mentor(class_name=""), Weights(), rules).eligible


def test_mentor_must_help_with_one_of_the_mentee_problems() -> None:
    lonely = mentor(capabilities=frozenset({"career_guidance"}))
    assert failure(mentee(), lonely, Rules()) == "Наставник не помогает ни с одной из проблем наставляемого"


def test_without_the_problem_rule_a_mismatch_is_only_a_zero_point_reason() -> None:
    evaluation = evaluate(mentee(), mentor(capabilities=frozenset()), PROBLEMS_ONLY, Rules(require_problem_match=False))
    assert evaluation.eligible
    assert evaluation.score == 0.0
    assert evaluation.reasons == (
        Reason("no_shared_problems", "Наставник не помогает ни с одной из проблем наставляемого", 0.0),
    )


def test_mentee_without_a_request_is_eligible_for_nobody_under_the_problem_rule() -> None:
    text = failure(mentee(problems=frozenset()), mentor(), Rules())
    assert text == "У наставляемого не указаны проблемы (запрос), а форма требует совпадения с возможностями наставника"
    assert evaluate(mentee(problems=frozenset()), mentor(), Weights(), Rules(require_problem_match=False)).eligible


def test_every_failed_rule_is_listed_in_rule_order() -> None:
    rules = Rules(mentor_min_experience_years=5, mentee_max_experience_years=5, same_organisation_only=True)
    evaluation = evaluate(
        mentee(experience_years=7),
        mentor(experience_years=1, organisation="school-2", capabilities=frozenset()),
        Weights(),
        rules,
    )
    assert evaluation.failed_rules == (
        "mentee_experience",
        "mentor_experience",
        "other_organisation",
        "no_problem_match",
    )
    assert evaluation.score == 0.0


# --- score components -------------------------------------------------------------


def test_matched_problems_score_per_problem_with_their_russian_names() -> None:
    evaluation = evaluate(
        mentee(problems=frozenset({"career_guidance", "low_academic_performance", "conflict"})),
        mentor(capabilities=frozenset({"low_academic_performance", "career_guidance", "talent_development"})),
        PROBLEMS_ONLY,
        Rules(),
        LABELS,
    )
    assert evaluation.reasons == (
        Reason("problems", "Совпадают проблемы: Неудовлетворительная успеваемость, Профориентация (+6)", 6.0),
    )
    assert evaluation.score == 6.0


def test_codes_without_a_label_are_shown_as_codes() -> None:
    evaluation = evaluate(
        mentee(problems=frozenset({"x_code"})), mentor(capabilities=frozenset({"x_code"})), PROBLEMS_ONLY, Rules()
    )
    assert texts(evaluation) == ["Совпадают проблемы: x_code (+3)"]


def test_shared_subjects_score_per_subject() -> None:
    evaluation = evaluate(
        mentee(subjects=frozenset({"math", "physics", "chemistry"})),
        mentor(subjects=frozenset({"physics", "math"})),
        only(subjects=2),
        Rules(),
        LABELS,
    )
    assert evaluation.reasons == (Reason("subjects", "Общие предметы: Математика, Физика (+4)", 4.0),)


def test_no_shared_subject_is_said_with_zero_points() -> None:
    evaluation = evaluate(
        mentee(subjects=frozenset({"math"})), mentor(subjects=frozenset({"art"})), only(subjects=2), Rules()
    )
    assert evaluation.reasons == (Reason("no_shared_subjects", "Нет общих предметов", 0.0),)


def test_a_criterion_the_mentee_left_empty_says_nothing() -> None:
    evaluation = evaluate(
        mentee(), mentor(subjects=frozenset({"math"})), only(subjects=2, interests=1, schedule=1), Rules()
    )
    assert evaluation.reasons == ()


def test_interests_match_regardless_of_case_and_yo() -> None:
    evaluation = evaluate(
        mentee(interests=frozenset({"Шахматы", "ёлки", "футбол"})),
        mentor(interests=frozenset({"шахматы", "елки", "театр"})),
        only(interests=1.5),
        Rules(),
    )
    assert evaluation.reasons == (Reason("interests", "Общие интересы: ёлки, Шахматы (+3)", 3.0),)


def test_no_shared_interest_is_said() -> None:
    evaluation = evaluate(
        mentee(interests=frozenset({"шахматы"})), mentor(interests=frozenset({"театр"})), only(interests=1), Rules()
    )
    assert texts(evaluation) == ["Нет общих интересов"]


def test_schedule_scores_per_overlapping_slot() -> None:
    evaluation = evaluate(
        mentee(slots=frozenset({"mon-pm", "wed-am", "fri-pm"})),
        mentor(slots=frozenset({"wed-am", "mon-pm"})),
        only(schedule=1),
        Rules(),
        LABELS,
    )
    assert evaluation.reasons == (Reason("schedule", "Совпадает время встреч: пн, после обеда, ср, утро (+2)", 2.0),)


def test_no_common_time_is_said() -> None:
    evaluation = evaluate(
        mentee(slots=frozenset({"mon-pm"})), mentor(slots=frozenset({"tue-am"})), only(schedule=1), Rules()
    )
    assert evaluation.reasons == (Reason("no_shared_slots", "Не совпадает время встреч", 0.0),)


def test_same_organisation_is_a_bonus_and_another_one_a_neutral_fact() -> None:
    weights = only(same_organisation=1)
    assert evaluate(mentee(), mentor(), weights, Rules()).reasons == (
        Reason("same_organisation", "Наставник из той же организации (+1)", 1.0),
    )
    assert evaluate(mentee(), mentor(organisation="school-2"), weights, Rules()).reasons == (
        Reason("different_organisation", "Наставник из другой организации", 0.0),
    )


@pytest.mark.parametrize(
    ("mentor_grade", "points", "text"),
    [
        (9, None, None),
        (10, 0.5, "Наставник старше наставляемого на 3 класса (+0,5)"),
        (11, 1.0, "Наставник старше наставляемого на 4 класса (+1)"),
        (12, 1.0, "Наставник старше наставляемого на 5 классов (+1)"),
    ],
)
def test_grade_gap_beyond_the_minimum_earns_points_up_to_the_cap(
    mentor_grade: int, points: float | None, text: str | None
) -> None:
    weights = replace(only(grade_gap=0.5), grade_gap_cap=2)
    evaluation = evaluate(mentee(grade=7), mentor(grade=mentor_grade), weights, Rules(min_grade_gap=2))
    expected = () if text is None else (Reason("grade_gap_bonus", text, points or 0.0),)
    assert evaluation.reasons == expected


def test_grade_gap_bonus_needs_a_grade_rule() -> None:
    assert evaluate(mentee(grade=5), mentor(grade=11), only(grade_gap=1), Rules()).reasons == ()


def test_rematch_priority_adds_its_bonus() -> None:
    evaluation = evaluate(mentee(priority=True), mentor(), only(priority=5), Rules())
    assert evaluation.reasons == (Reason("priority", "Приоритет: повторный подбор наставника (+5)", 5.0),)


def test_fractional_points_use_a_decimal_comma_and_two_decimals() -> None:
    quarter = evaluate(
        mentee(subjects=frozenset({"a", "b", "c"})),
        mentor(subjects=frozenset({"a", "b", "c"})),
        only(subjects=0.25),
        Rules(),
    )
    third = evaluate(
        mentee(subjects=frozenset({"a"})), mentor(subjects=frozenset({"a"})), only(subjects=1 / 3), Rules()
    )
    assert texts(quarter) == ["Общие предметы: a, b, c (+0,75)"]
    assert texts(third) == ["Общие предметы: a (+0,33)"]


def test_full_breakdown_with_default_weights() -> None:
    evaluation = evaluate(
        mentee(
            problems=frozenset({"low_academic_performance", "career_guidance"}),
            subjects=frozenset({"math"}),
            interests=frozenset({"шахматы", "театр"}),
            slots=frozenset({"mon-pm"}),
            grade=7,
            priority=True,
        ),
        mentor(
            capabilities=frozenset({"low_academic_performance"}),
            subjects=frozenset({"physics"}),
            interests=frozenset({"шахматы", "театр"}),
            slots=frozenset({"mon-pm", "wed-am"}),
            grade=10,
        ),
        Weights(),
        Rules(min_grade_gap=2),
        LABELS,
    )
    assert texts(evaluation) == [
        "Совпадают проблемы: Неудовлетворительная успеваемость (+3)",
        "Нет общих предметов",
        "Общие интересы: театр, шахматы (+2)",
        "Совпадает время встреч: пн, после обеда (+1)",
        "Наставник из той же организации (+1)",
        "Наставник старше наставляемого на 3 класса (+0,5)",
        "Приоритет: повторный подбор наставника (+5)",
    ]
    assert evaluation.score == 12.5
    assert evaluation.score == sum(reason.points for reason in evaluation.reasons)


# --- settings ---------------------------------------------------------------------


def test_default_weights() -> None:
    weights = Weights()
    assert (weights.problems, weights.subjects, weights.interests, weights.schedule) == (3.0, 2.0, 1.0, 1.0)
    assert (weights.same_organisation, weights.priority, weights.grade_gap, weights.grade_gap_cap) == (1.0, 5.0, 0.5, 2)


def test_weights_from_mapping_keep_defaults_for_missing_keys() -> None:
    weights = Weights.from_mapping({"problems": 4, "interests": 0.5})
    assert weights == replace(Weights(), problems=4.0, interests=0.5)
    assert isinstance(weights.problems, float)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"colour": 1}, "weights.colour: неизвестный вес; допустимые: problems, subjects"),
        ({"problems": -1}, "weights.problems: ожидается неотрицательное конечное число, получено -1"),
        ({"subjects": math.nan}, "weights.subjects: ожидается неотрицательное конечное число, получено nan"),
        ({"schedule": math.inf}, "weights.schedule: ожидается неотрицательное конечное число, получено inf"),
        ({"interests": "2"}, "weights.interests: ожидается число, получено '2'"),
        ({"priority": True}, "weights.priority: ожидается число, получено True"),
        ({"grade_gap_cap": 1.5}, "weights.grade_gap_cap: ожидается целое неотрицательное число, получено 1.5"),
        ({"grade_gap_cap": -1}, "weights.grade_gap_cap: ожидается целое неотрицательное число, получено -1"),
    ],
)
def test_bad_weights_are_rejected_naming_the_key(mapping: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(".", r"\.")) as error:
        Weights.from_mapping(mapping)
    assert isinstance(error.value, MatchingInputError)


def test_rules_from_mapping_accept_the_form_rules_and_ignore_group_size() -> None:
    rules = Rules.from_mapping({"mentor_min_experience_years": 5, "min_grade_gap": None, "max_group_size": 12})
    assert rules == Rules(mentor_min_experience_years=5)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"min_age": 1}, "rules.min_age: неизвестное правило"),
        ({"min_grade_gap": -1}, "rules.min_grade_gap: ожидается целое неотрицательное число, получено -1"),
        ({"mentor_min_experience_years": "5"}, "rules.mentor_min_experience_years: ожидается целое"),
        ({"forbid_same_class": 1}, "rules.forbid_same_class: ожидается да/нет"),
    ],
)
def test_bad_rules_are_rejected_naming_the_key(mapping: dict[str, Any], message: str) -> None:
    with pytest.raises(MatchingInputError, match="^" + message):
        Rules.from_mapping(mapping)


def test_every_form_and_variant_of_the_reference_data_gives_rules() -> None:
    forms = yaml.safe_load(FORMS_YAML.read_text(encoding="utf-8"))["forms"]
    by_code = {}
    for form in forms:
        by_code[form["code"]] = Rules.from_mapping(form["rules"])
        for variant in form["variants"]:
            by_code[variant["code"]] = Rules.from_mapping({**form["rules"], **variant["rules"]})
    assert by_code["teacher_student"].mentor_min_experience_years == 5
    assert by_code["young_specialist"].mentee_max_experience_years == 5


# --- purity -------------------------------------------------------------------------------------


def test_the_engine_loads_no_django() -> None:
    code = "import sys, nastavnik.engines.matching.scoring; print(any(m.startswith('django') for m in sys.modules))"
    src = Path(__file__).resolve().parents[3] / "src"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(src)}
    )
    assert output.stdout.strip() == "False"
