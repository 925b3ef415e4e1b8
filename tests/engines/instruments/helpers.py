"""Shared test data: the «Ключ к себе» key as PRODUCT.md §8 prints it, and fixture instruments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REAL_DIR = Path(__file__).resolve().parents[3] / "src" / "nastavnik" / "surveys" / "instruments"
REAL_KEY_TO_SELF = REAL_DIR / "key-to-self.yaml"
SLUGS = ("mastery", "optimism", "community", "choice", "resilience")

# PRODUCT.md §8, the expected truth: slug → (name, positive items, negative items, middle from, middle to).
# High is > middle-to, low is < middle-from; both boundary values belong to the middle band.
PRODUCT_KEY: dict[str, tuple[str, tuple[int, ...], tuple[int, ...], int, int]] = {
    "mastery": ("Понимание мастерства", (2, 6, 7, 9, 10, 15, 18, 20), (19,), 12, 25),
    "optimism": ("Оптимизм и благополучие", (1, 2, 6, 11, 14, 16, 20), (4,), 10, 22),
    "community": ("Ценность сообщества", (5, 7, 8, 12, 13, 15, 21), (), 11, 22),
    "choice": ("Способность выбирать", (1, 13, 16, 17, 18), (), 10, 17),
    "resilience": ("Жизнестойкость", (3, 11, 14, 18, 20), (4, 5, 19), 3, 11),
}


def expected_score(slug: str, sheet: dict[str, int]) -> int:
    """The score by PRODUCT.md's table, computed independently of the engine."""
    _, positive, negative, _, _ = PRODUCT_KEY[slug]
    return sum(sheet[f"q{n}"] for n in positive) - sum(sheet[f"q{n}"] for n in negative)


def expected_band(slug: str, score: int) -> str:
    _, _, _, low, high = PRODUCT_KEY[slug]
    return "high" if score > high else "low" if score < low else "middle"


def sheet(base: int = 1, **values: int) -> dict[str, int]:
    """An answer sheet q1…q21: every item ``base`` except those given."""
    answers = {f"q{n}": base for n in range(1, 22)}
    answers.update(values)
    return answers


def scale_question(question_id: str, text: str = "Утверждение", low: int = 1, high: int = 4) -> dict[str, Any]:
    return {"id": question_id, "type": "scale", "text": text, "min": low, "max": high}


def key_to_self_definition() -> dict[str, Any]:
    """A fixture «Ключ к себе» built from PRODUCT_KEY (stands in for the real file)."""
    scales = []
    for slug, (name, positive, negative, low, high) in PRODUCT_KEY.items():
        items = sorted(positive + negative)
        scales.append(
            {
                "slug": slug,
                "name": name,
                "items": [f"q{n}" for n in items],
                "negative": [f"q{n}" for n in negative],
                "bands": [
                    {"band": "high", "above": high, "text": f"{slug}: высокий"},
                    {"band": "middle", "from": low, "to": high, "text": f"{slug}: средний"},
                    {"band": "low", "below": low, "text": f"{slug}: низкий"},
                ],
            }
        )
    return {
        "code": "key-to-self",
        "version": 1,
        "title": "Ключ к себе",
        "source": "000 §4.7",
        "audience": "student",
        "min_age": 14,
        "once_per_year": True,
        "sections": [
            {"questions": [{"id": "consent", "type": "consent", "text": "Согласен ли ты ответить на вопросы анкеты?"}]},
            {"questions": [scale_question(f"q{n}") for n in range(1, 22)]},
        ],
        "scoring": {"kind": "scales", "scales": scales},
    }


def plain_definition(code: str = "plain", **extra: Any) -> dict[str, Any]:
    """A small instrument without a key."""
    return {
        "code": code,
        "version": 2,
        "title": "Обратная связь после встречи",
        "source": "default",
        "default_text": True,
        "audience": "mentee",
        "sections": [
            {"questions": [scale_question("q1", low=1, high=5), {"id": "q2", "type": "text", "text": "Что ещё?"}]}
        ],
        **extra,
    }


def write_yaml(directory: Path, definition: dict[str, Any], name: str | None = None) -> Path:
    path = directory / f"{name or definition['code']}.yaml"
    path.write_text(yaml.safe_dump(definition, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
