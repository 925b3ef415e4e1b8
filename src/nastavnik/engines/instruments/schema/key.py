"""The scoring key: scales over scale questions and their interpretation bands."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import cast

from nastavnik.engines.instruments.schema.model import (
    BAND_NAMES,
    ID_RE,
    Band,
    BandName,
    InstrumentError,
    Question,
    Scale,
    Scoring,
    quote,
)
from nastavnik.engines.instruments.schema.reader import Node, join_path, text_value


def _band(node: Node) -> Band:
    node.only(frozenset({"band", "text", "above", "from", "to", "below", "range"}))
    name = node.text("band")
    if name not in BAND_NAMES:
        raise InstrumentError(node.at("band"), f"ожидается high, middle или low, получено {quote(name)}")
    bounds = {str(key) for key in node.data} & {"above", "from", "to", "below"}
    if bounds == {"above"}:
        lowest, highest = node.integer("above") + 1, None
    elif bounds == {"below"}:
        lowest, highest = None, node.integer("below") - 1
    elif bounds == {"from", "to"}:
        lowest, highest = node.integer("from"), node.integer("to")
        if lowest > highest:
            raise InstrumentError(node.at("to"), f"меньше from ({lowest})")
    else:
        raise InstrumentError(node.where, "границы полосы: либо above, либо from и to, либо below")
    range_text = node.text("range") if node.has("range") else ""
    return Band(cast(BandName, name), node.text("text"), lowest, highest, range_text)


def _bands(node: Node) -> tuple[Band, ...]:
    bands = [(where, _band(Node(item, where))) for where, item in node.items("bands")]
    ordered = sorted(bands, key=lambda pair: (pair[1].lowest is not None, pair[1].lowest or 0))
    where_bands = node.at("bands")
    if ordered[0][1].lowest is not None or ordered[-1][1].highest is not None:
        raise InstrumentError(where_bands, "полосы должны покрывать все баллы: нужны полосы с below и с above")
    for (_, before), (where, after) in itertools.pairwise(ordered):
        if before.highest is None or after.lowest != before.highest + 1:
            raise InstrumentError(where, f"пропуск или наложение баллов после {before.highest} (полоса {before.band})")
        if BAND_NAMES.index(after.band) <= BAND_NAMES.index(before.band):
            raise InstrumentError(
                where, f"полоса {after.band} выше по баллам, чем {before.band}: порядок low, middle, high"
            )
    return tuple(band for _, band in ordered)


def _id_list(node: Node, key: str, scales: Mapping[str, Question]) -> tuple[str, ...]:
    names: list[str] = []
    for where, item in node.items(key):
        name = text_value(item, where)
        if name not in scales:
            raise InstrumentError(where, f"нет вопроса-шкалы {quote(name)}")
        # Checked answers must always be scorable: no optional or conditional item in a key.
        if not scales[name].required or scales[name].show_if is not None:
            raise InstrumentError(where, f"вопрос {quote(name)} в ключе должен быть обязательным и без условия")
        if name in names:
            raise InstrumentError(where, f"{quote(name)} повторяется")
        names.append(name)
    return tuple(names)


def _scale(node: Node, scales: Mapping[str, Question]) -> Scale:
    node.only(frozenset({"slug", "name", "items", "negative", "bands", "better", "definition"}))
    slug = node.text("slug")
    if not ID_RE.fullmatch(slug):
        raise InstrumentError(node.at("slug"), f"{quote(slug)}: нужны латинские строчные буквы, цифры и _")
    items = _id_list(node, "items", scales)
    negative = _id_list(node, "negative", scales) if node.has("negative") and node.data["negative"] != [] else ()
    for index, name in enumerate(negative):
        if name not in items:
            raise InstrumentError(join_path(node.at("negative"), index), f"{quote(name)} нет в items этой шкалы")
    # A scale without bands (e.g. before/after self-assessment) is reported as a bare score.
    bands = _bands(node) if node.has("bands") and node.data["bands"] != [] else ()
    better = node.text("better") if node.has("better") else "higher"
    if better not in {"higher", "lower"}:
        raise InstrumentError(node.at("better"), "better: нужно higher или lower")
    definition = node.text("definition") if node.has("definition") else ""
    return Scale(slug, node.text("name"), items, frozenset(negative), bands, better == "lower", definition)


def parse_scoring(node: Node, questions: Sequence[Question]) -> Scoring:
    """The ``scoring`` block over the instrument's ``questions``."""
    node.only(frozenset({"kind", "scales"}))
    if node.text("kind") != "scales":
        raise InstrumentError(node.at("kind"), "известен только kind: scales")
    scale_questions = {question.id: question for question in questions if question.type == "scale"}
    scales: list[Scale] = []
    for where, item in node.items("scales"):
        scale = _scale(Node(item, where), scale_questions)
        if any(other.slug == scale.slug for other in scales):
            raise InstrumentError(join_path(where, "slug"), f"шкала {quote(scale.slug)} уже есть")
        scales.append(scale)
    return Scoring("scales", tuple(scales))
