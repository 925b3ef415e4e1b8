"""Campaign results: answer distributions per question, scale bands, per-respondent scores."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from nastavnik.surveys.models import Campaign, Response

BAND_LABELS = {"high": "высокий", "middle": "средний", "low": "низкий"}


@dataclass
class QuestionStats:
    question: dict[str, Any]
    answered: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class ScaleStats:
    slug: str
    name: str
    mean: float
    bands: list[tuple[str, int]]


def _label_map(question: dict[str, Any]) -> dict[str, str]:
    if question["type"] == "scale":
        labels = {int(k): v for k, v in (question.get("labels") or {}).items()}
        return {
            str(n): f"{n}{' — ' + labels[n] if n in labels else ''}"
            for n in range(question["min"], question["max"] + 1)
        }
    return {str(o["value"]): o["label"] for o in question.get("options", [])}


def _values(question: dict[str, Any], answer: Any) -> list[str]:
    if question["type"] == "multiple":
        return [v if isinstance(v, str) else "Другое" for v in answer]
    if question["type"] == "matrix":
        grid = question.get("grid", [])
        return [grid[r][c] for r, c in answer if r < len(grid) and c < len(grid[r])]
    if isinstance(answer, dict) and "other" in answer:
        return ["Другое"]
    return [str(answer)]


def question_stats(campaign: Campaign, responses: QuerySet[Response]) -> list[QuestionStats]:
    questions = campaign.version.questions()
    stats = {q["id"]: QuestionStats(question=q) for q in questions}
    tallies: dict[str, Counter[str]] = {q["id"]: Counter() for q in questions}
    for answers in responses.filter(refused=False).values_list("answers", flat=True).iterator(2000):
        for qid, answer in answers.items():
            if qid not in stats:
                continue
            item = stats[qid]
            item.answered += 1
            kind = item.question["type"]
            if kind in {"text", "choose_k"}:
                if len(item.texts) < 50:
                    item.texts.append(answer if isinstance(answer, str) else "; ".join(answer.values()))
            else:
                tallies[qid].update(_values(item.question, answer))
    for qid, item in stats.items():
        if campaign.anonymous:  # free texts of an anonymous campaign not in the order they arrived
            item.texts.sort()
        labels = _label_map(item.question)
        order = list(labels) or sorted(tallies[qid])
        extra = [key for key in tallies[qid] if key not in labels]
        item.counts = [
            (labels.get(key, key), tallies[qid][key])
            for key in [*order, *extra]
            if key in tallies[qid] or key in labels
        ]
    return list(stats.values())


def scale_stats(responses: QuerySet[Response]) -> list[ScaleStats]:
    sums: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    bands: dict[str, Counter[str]] = {}
    for scores in responses.filter(refused=False).values_list("scores", flat=True).iterator(2000):
        for item in scores:
            sums.setdefault(item["slug"], []).append(int(item["score"]))
            names[item["slug"]] = item["name"]
            counter = bands.setdefault(item["slug"], Counter())
            if item.get("band"):  # a scale without interpretation bands has band None
                counter[item["band"]] += 1
    return [
        ScaleStats(
            slug=slug,
            name=names[slug],
            mean=round(sum(values) / len(values), 1),
            bands=[(BAND_LABELS[b], bands[slug][b]) for b in ("high", "middle", "low")],
        )
        for slug, values in sums.items()
    ]
