"""The table of a campaign's answers behind the XLSX and CSV exports.

A named campaign: one row per response in the order they arrived, with the respondent and the date.
An anonymous campaign: no respondent, no date, no running number, refusals left out (they hold no
answers), classes below the threshold shown as «менее 5 ответов — скрыто», and the rows sorted by
their content. Sorting (rather than shuffling) makes the file a function of the set of answers
alone: the same answers give the same file whatever order they arrived in, so no row can be
matched to the moment a person was seen answering, and the export stays reproducible.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from nastavnik.surveys.anonymity import ClassGroups
from nastavnik.surveys.models import Campaign, Response
from nastavnik.surveys.results import BAND_LABELS

Table = tuple[list[str], list[list[Any]]]


def export_value(answer: Any) -> Any:
    if answer is None:
        return ""
    if isinstance(answer, list):
        return "; ".join(export_value(a) for a in answer)
    if isinstance(answer, dict):
        return answer.get("other") or "; ".join(str(v) for v in answer.values())
    return answer


def _scale_names(campaign: Campaign) -> list[str]:
    return [s["name"] for s in (campaign.version.definition.get("scoring") or {}).get("scales", [])]


def _answer_cells(questions: list[dict[str, Any]], response: Response, scale_names: list[str]) -> list[Any]:
    scores = {
        s["name"]: f"{s['score']} ({BAND_LABELS[s['band']]})" if s.get("band") else s["score"] for s in response.scores
    }
    answers = [export_value(response.answers.get(q["id"])) for q in questions]
    return [*answers, *[scores.get(name, "") for name in scale_names]]


def _question_headings(questions: list[dict[str, Any]]) -> list[str]:
    return [q["text"][:80] for q in questions]


def answer_table(campaign: Campaign, responses: QuerySet[Response], groups: ClassGroups) -> Table:
    """Header and rows of the answers export of the responses chosen by the filters."""
    if campaign.anonymous:
        return _anonymous_table(campaign, responses, groups)
    return _named_table(campaign, responses)


def _named_table(campaign: Campaign, responses: QuerySet[Response]) -> Table:
    questions, scale_names = campaign.version.questions(), _scale_names(campaign)
    header = ["№", "Участник", "Класс", "Дата", *_question_headings(questions), *scale_names]
    rows = []
    for number, response in enumerate(responses.select_related("person").order_by("id"), start=1):
        who = response.person.full_name if response.person else ""
        rows.append(
            [
                number,
                f"{who} (отказ)".strip() if response.refused else who,
                response.class_name,
                timezone.localtime(response.submitted_at).strftime("%d.%m.%Y"),
                *_answer_cells(questions, response, scale_names),
            ]
        )
    return header, rows


def _anonymous_table(campaign: Campaign, responses: QuerySet[Response], groups: ClassGroups) -> Table:
    questions, scale_names = campaign.version.questions(), _scale_names(campaign)
    header = ["Класс", *_question_headings(questions), *scale_names]
    answered = responses.filter(refused=False).only("class_name", "answers", "scores")
    rows = [[groups.label(r.class_name), *_answer_cells(questions, r, scale_names)] for r in answered.iterator(2000)]
    rows.sort(key=lambda row: [str(cell) for cell in row])
    return header, rows
