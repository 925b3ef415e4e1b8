"""Cells of a form export as answers: option labels, scale points, the time of the answer, the class.

- Form exports hold option *labels* («скорее да»), not values: a cell matches a label, then a
  value, in any case, with «ё» as «е» and spaces collapsed. Multiple choice cells are split on
  «,» and «;», but labels that themselves contain commas are matched first (greedy, longest);
  what matches no label is the «Другое» text when the question has one, else a row error.
  Scale cells may be «3», «3 — скорее да» or the label alone.
- The time of an answer comes as text in a CSV («03.12.2026 14:05:33», «2026/12/03 2:05:33 PM
  GMT+3») and as a date cell in an XLSX (read as «2026-12-03 14:05:33»); all of them become the
  same aware moment, to the second: the zone written after the time when there is one, else the
  site's zone (Europe/Moscow unless configured otherwise).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from nastavnik.common.text import fold, plural_ru
from nastavnik.engines.instruments.schema import Question
from nastavnik.surveys.import_reading import short


class CellError(ValueError):
    """A cell that cannot become an answer; the message is Russian, without the row and column."""


# -- cells → answers ---------------------------------------------------------------------------------

_PIECE = re.compile(r"[^;,\n]+")
_OTHER_PREFIX = re.compile(r"^\s*другое\s*[:—–-]\s*", re.IGNORECASE)
_SCALE_NUMBER = re.compile(r"([+-]?\d+)(?:[.,]0+)?(?=\s*[)—–:-]?\s*(?:[^\d\s.,]|$))")


def _label_key(text: str) -> str:
    return " ".join(fold(text).split()).strip(" .")


def _choices(question: Question) -> dict[str, str]:
    found = {_label_key(option.value): option.value for option in question.options}
    found.update({_label_key(option.label): option.value for option in question.options})
    return found


def quoted(texts: list[str]) -> str:
    return ", ".join(f"«{short(text, 40)}»" for text in texts)


def _single(question: Question) -> Callable[[str], Any]:
    choices = _choices(question)

    def convert(text: str) -> Any:
        value = choices.get(_label_key(text))
        if value is not None:
            return value
        if question.other:
            return {"other": _OTHER_PREFIX.sub("", text)}
        raise CellError(f"нет такого варианта ответа: {quoted([text])}")

    return convert


def _consent(question: Question) -> Callable[[str], Any]:
    choices = _choices(question)

    def convert(text: str) -> Any:
        key = _label_key(text)
        value = choices.get(key)
        for word, meaning in (("да", "yes"), ("нет", "no")):
            if value is None and re.match(rf"{word}\b", key) and meaning in question.option_values:
                value = meaning
        if value is None:
            labels = " или ".join(f"«{option.label}»" for option in question.options)
            raise CellError(f"ответ {quoted([text])} не распознан: нужно {labels}")
        return value

    return convert


def _multiple(question: Question) -> Callable[[str], Any]:
    sequences: dict[tuple[str, ...], str] = {}
    for option in question.options:
        for text in (option.value, option.label):  # the label wins over a value spelled the same
            pieces = tuple(_label_key(p) for p in _PIECE.findall(text) if p.strip())
            if pieces:
                sequences[pieces] = option.value
    longest = max(len(pieces) for pieces in sequences)

    def convert(text: str) -> Any:
        pieces = [m for m in _PIECE.finditer(text) if m.group().strip()]
        keys = [_label_key(m.group()) for m in pieces]
        chosen: list[Any] = []
        unknown: list[list[re.Match[str]]] = []  # runs of neighbouring unknown pieces
        i, previous_unknown = 0, False
        while i < len(pieces):
            for size in range(min(longest, len(pieces) - i), 0, -1):
                value = sequences.get(tuple(keys[i : i + size]))
                if value is not None:
                    chosen.append(value)
                    i, previous_unknown = i + size, False
                    break
            else:
                if previous_unknown:
                    unknown[-1].append(pieces[i])
                else:
                    unknown.append([pieces[i]])
                i, previous_unknown = i + 1, True
        if unknown:
            # «Другое» text may hold commas: each run is taken from the cell as it is.
            runs = [text[run[0].start() : run[-1].end()].strip() for run in unknown]
            if not question.other:
                raise CellError(
                    f"{plural_ru(len(runs), 'нет такого варианта', 'нет таких вариантов', 'нет таких вариантов')}"
                    f" ответа: {quoted(runs)}"
                )
            chosen.append({"other": _OTHER_PREFIX.sub("", ", ".join(runs))})
        return chosen

    return convert


def _scale(question: Question) -> Callable[[str], Any]:
    labels = {_label_key(label): point for point, label in question.labels}

    def convert(text: str) -> Any:
        match = _SCALE_NUMBER.match(text.strip())
        if match:
            return int(match.group(1))
        point = labels.get(_label_key(text))
        # Anything else goes to the engine, which names the allowed range.
        return point if point is not None else text

    return convert


def _text(question: Question) -> Callable[[str], Any]:
    return lambda text: text


CONVERTERS: dict[str, Callable[[Question], Callable[[str], Any]]] = {
    "single": _single,
    "multiple": _multiple,
    "scale": _scale,
    "text": _text,
    "consent": _consent,
}


# -- the time of an answer ---------------------------------------------------------------------------

_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # Google Forms in English
_DATE_FORMATS = ((_YMD, (1, 2, 3)), (_DMY, (3, 2, 1)), (_MDY, (3, 1, 2)))  # group numbers of year, month, day
_CLOCK = re.compile(r"[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:\s*([AaPp])\.?[Mm]\.?)?")
# «GMT+3», «UTC+03:00», «+0300», «Z», «MSK»: the letters, then an optional offset.
_ZONE = re.compile(
    r"\s*(?:(?P<name>[A-Za-zА-Яа-я]{1,5})\s*)?(?:(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)?\s*"
)
_UTC_NAMES = frozenset({"z", "utc", "gmt"})


def _zone(rest: str) -> datetime.tzinfo | None:
    """The zone written after the time; None when there is none (or only a name such as «MSK»)."""
    found = _ZONE.fullmatch(rest)
    if found is None:
        raise ValueError(rest)
    name, sign = (found.group("name") or "").lower(), found.group("sign")
    if sign:
        offset = datetime.timedelta(hours=int(found.group("hours")), minutes=int(found.group("minutes") or 0))
        if offset > datetime.timedelta(hours=14):
            raise ValueError(rest)
        return datetime.timezone(-offset if sign == "-" else offset)
    return datetime.UTC if name in _UTC_NAMES else None


def parse_time(text: str) -> datetime.datetime:
    """«23.11.2026 14:05:31», «2026-11-23 14:05», «11/23/2026 2:05:31 PM GMT+3» → an aware time, to the second.

    The zone written after the time counts; without one the time is the site's (Europe/Moscow by default).
    """
    text = text.strip()
    dated = next(((m, order) for pattern, order in _DATE_FORMATS if (m := pattern.match(text))), None)
    if dated is None:
        raise CellError(f"время {quoted([text])} не распознано: укажите ДД.ММ.ГГГГ ЧЧ:ММ")
    match, order = dated
    year, month, day = (int(match.group(n)) for n in order)
    rest, clock = text[match.end() :], (0, 0, 0)
    if found := _CLOCK.match(rest):
        hour, half = int(found.group(1)), (found.group(4) or "").lower()
        if half:  # 12:05 AM is 00:05, 12:05 PM is 12:05
            hour = hour % 12 + (12 if half == "p" else 0)
        clock = (hour, int(found.group(2)), int(found.group(3) or 0))
        rest = rest[found.end() :]
    try:
        zone = _zone(rest)
        moment = datetime.datetime(year, month, day, *clock)
    except ValueError:
        raise CellError(f"время {quoted([text])} не распознано: укажите ДД.ММ.ГГГГ ЧЧ:ММ") from None
    aware = moment.replace(tzinfo=zone) if zone is not None else timezone.make_aware(moment)
    if aware > timezone.now() + datetime.timedelta(days=1):
        raise CellError(f"время {quoted([text])} ещё не наступило")
    return aware


# -- the class of a pupil ----------------------------------------------------------------------------

# Latin letters typed for the Cyrillic ones that look the same.
_LOOKALIKE = str.maketrans("abcehkmoptx", "авсенкмортх")
_CLASS = re.compile(r"(\d{1,2})\s*[-–—]?\s*(?:й|ый|ой)?\s*[\"'«»“”]?\s*([а-яa-z])\s*[\"'«»“”]?\s*(?:класс|кл)?\.?")


def normalise_class(text: str) -> tuple[int, str] | None:
    """«7А», «7 а», «7-А», «7 «А»», «7А класс», Latin «7A» → (7, "А"); None when it is not a class."""
    found = _CLASS.fullmatch(" ".join(fold(text).split()))
    if found is None or not 1 <= int(found.group(1)) <= 11:
        return None
    return int(found.group(1)), found.group(2).translate(_LOOKALIKE).upper()
