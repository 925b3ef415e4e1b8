"""Profiles, weights and labels shared by the scoring tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from nastavnik.engines.matching.scoring import Evaluation, MenteeProfile, MentorProfile, Rules, Weights, evaluate

FORMS_YAML = Path(__file__).resolve().parents[3] / "src/nastavnik/programmes/data/forms.yaml"

LABELS = {
    "low_academic_performance": "Неудовлетворительная успеваемость",
    "career_guidance": "Профориентация",
    "conflict": "Конфликтность",
    "math": "Математика",
    "physics": "Физика",
    "mon-pm": "пн, после обеда",
    "wed-am": "ср, утро",
}


def mentee(**changes: Any) -> MenteeProfile:
    base = MenteeProfile(
        id="e1",
        problems=frozenset({"conflict"}),
        subjects=frozenset(),
        interests=frozenset(),
        slots=frozenset(),
        grade=None,
        class_name=None,
        experience_years=None,
        organisation="school-1",
    )
    return replace(base, **changes)


def mentor(**changes: Any) -> MentorProfile:
    base = MentorProfile(
        id="m1",
        capabilities=frozenset({"conflict"}),
        subjects=frozenset(),
        interests=frozenset(),
        slots=frozenset(),
        grade=None,
        class_name=None,
        experience_years=None,
        organisation="school-1",
        capacity=1,
    )
    return replace(base, **changes)


# Only the criterion under test counts.
PROBLEMS_ONLY = Weights(problems=3, subjects=0, interests=0, schedule=0, same_organisation=0, grade_gap=0, priority=0)


def only(**weights: float) -> Weights:
    zero = dict.fromkeys(
        ("problems", "subjects", "interests", "schedule", "same_organisation", "grade_gap", "priority"), 0
    )
    return Weights.from_mapping({**zero, **weights})


def texts(evaluation: Evaluation) -> list[str]:
    return [reason.text for reason in evaluation.reasons]


def failure(mentee_profile: MenteeProfile, mentor_profile: MentorProfile, rules: Rules) -> str:
    evaluation = evaluate(mentee_profile, mentor_profile, Weights(), rules)
    assert not evaluation.eligible
    assert evaluation.score == 0.0
    [reason] = evaluation.reasons
    return reason.text
