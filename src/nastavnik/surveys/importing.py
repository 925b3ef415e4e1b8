"""Import of answers collected in Yandex Forms or Google Forms (CSV/XLSX) into a campaign.

Upload → the header and the rows are kept in an ``AnswerImport`` → the curator maps columns to
the questions (suggested from the header, where both services put the question text) → every row
is converted to answers and checked by the instrument engine → an all-or-nothing commit.

Decisions:

- Form exports hold option *labels* («скорее да»), not values: a cell matches a label, then a
  value, in any case, with «ё» as «е» and spaces collapsed. Multiple choice cells are split on
  «,» and «;», but labels that themselves contain commas are matched first (greedy, longest);
  what matches no label is the «Другое» text when the question has one, else a row error.
  Scale cells may be «3», «3 — скорее да» or the label alone. ``choose_k`` and ``matrix``
  questions cannot come from a form; an instrument with such a required question is refused.
- A form without the consent question: the curator may say «все ответившие согласились» —
  filling in a form is voluntary — and the answer is taken as «Да» for every row.
- All or nothing: one bad row blocks the whole file; the commit re-checks every row (someone may
  have answered by the personal link since the preview) and writes nothing when a row fails.
- Duplicates: each imported response keeps a keyed hash (HMAC with SECRET_KEY, so the hash
  cannot be matched to a name) of its row's mapped cells. A row whose hash was already imported
  into the campaign is *skipped*, not refused: a fresh export of the same form with new answers
  appended imports only the new ones, and the same file twice imports nothing. Two identical
  rows of one file are two answers (pupils may answer alike), so the hashes are counted as a
  multiset. Form exports carry the submission time, which keeps different people's rows apart.
- Anonymous campaigns ignore identity: no respondent column, no person, no invitation marked,
  only the day of the answer. Columns headed like ФИО, e-mail or phone are emptied before the
  upload is stored, every column not mapped to a question is emptied when the mapping is saved,
  and the commit empties the stored rows (for every campaign).
- Commits of one campaign are serialised (its row is locked), so two batches with the same rows
  cannot both pass the duplicate check.
- Named campaigns link a row to a person invited in the campaign by ФИО (any order of the
  parts, with or without the patronymic) or e-mail; an unknown, ambiguous, repeated or already
  answered person is a row error. Without a respondent column the answers stay unlinked.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone
from openpyxl.utils import get_column_letter

from nastavnik.core.text import fold, plural_ru
from nastavnik.engines.instruments.schema import Question
from nastavnik.imports.columns import ImportFileError
from nastavnik.imports.parsing import read_rows
from nastavnik.orgs.models import Membership, Role
from nastavnik.surveys import engine
from nastavnik.surveys.models import (
    AnswerImport,
    AnswerImportStatus,
    Campaign,
    ImportedResponse,
    Invitation,
    Response,
)

MAPPABLE_TYPES = frozenset({"single", "multiple", "scale", "text", "consent"})
TYPE_NAMES = {
    "single": "один вариант",
    "multiple": "несколько вариантов",
    "scale": "шкала",
    "text": "текст",
    "consent": "согласие",
    "choose_k": "начала фраз",
    "matrix": "таблица",
}
# Stored errors are capped; the summary keeps the full count.
MAX_STORED_ERRORS = 1000
BATCH_SIZE = 500
# Prefix and «contains» matches of a header need this many characters: «Да» must not match anything.
MIN_MATCH = 10
ALREADY_COMMITTED = "Эти ответы уже загружены в базу. Повторная загрузка ничего не изменила."
NOT_CHECKED = "Сначала сопоставьте столбцы файла с вопросами анкеты."
HAS_ERRORS = "В файле есть ошибки: исправьте их и загрузите файл заново. В базу ничего не записано."
NOTHING_NEW = "В файле нет новых ответов: все строки уже загружены раньше."


class CommitRefused(Exception):
    """The batch cannot be committed; the message is Russian and nothing was written."""


class _CellError(ValueError):
    """A cell that cannot become an answer; the message is Russian, without the row and column."""


# -- the file --------------------------------------------------------------------------------------


@dataclass
class Table:
    """The header of a form export and the rows below it, every cell as text."""

    columns: list[str]
    rows: list[list[Any]]  # [[line, [cell, …]], …]


def cell_value(value: Any) -> str:
    """A cell as text: numbers without «.0», dates in ISO form (readable by ``parse_time``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Да" if value else "Нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def read_table(name: str, stream: IO[bytes], size: int | None) -> Table:
    """The export's first row is the header (both services write the question texts there)."""
    rows = read_rows(name, stream, size)
    if not rows:
        raise ImportFileError("Файл пустой: в нём нет ни одной заполненной строки.")
    header = [cell_value(cell) for cell in rows[0][1]]
    body: list[list[Any]] = [[line, [cell_value(cell) for cell in cells]] for line, cells in rows[1:]]
    if not body:
        raise ImportFileError(
            "Под строкой заголовков нет ни одной строки с ответами: выгрузите ответы из формы ещё раз."
        )
    width = max(len(header), *(len(cells) for _, cells in rows[1:]))
    return Table(columns=header + [""] * (width - len(header)), rows=body)


def column_label(index: int, title: str) -> str:
    """«C — Я способный человек…»: the letter as in Excel and the header, shortened."""
    return f"{get_column_letter(index + 1)} — {short(title, 80) or 'без заголовка'}"


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def create_batch(
    campaign: Campaign, filename: str, table: Table, user: AbstractBaseUser | AnonymousUser
) -> AnswerImport:
    uploaded_by: Any = user if user.is_authenticated else None
    columns, rows = table.columns, table.rows
    if campaign.anonymous:
        # Names, e-mails and phones of an anonymous campaign's respondents are never stored, not even for a while.
        identity = identity_columns(columns) - set(suggest(campaign, columns).questions.values())
        columns = [
            f"{title} (не сохранён: опрос анонимный)" if i in identity else title for i, title in enumerate(columns)
        ]
        rows = _without_columns(rows, identity)
    return AnswerImport.objects.create(
        campaign=campaign,
        filename=filename[:255],
        uploaded_by=uploaded_by,
        columns=columns,
        rows=rows,
        summary={"rows": len(rows)},
    )


def identity_columns(columns: list[str]) -> set[int]:
    """Columns whose header says they hold who answered: ФИО, e-mail, phone."""
    found = set()
    for index, title in enumerate(columns):
        key = header_key(title)
        if key and (key in _IDENTITY_HEADERS or key.startswith(_IDENTITY_HEADERS)):
            found.add(index)
    return found


def _without_columns(rows: list[list[Any]], dropped: set[int]) -> list[list[Any]]:
    if not dropped:
        return rows
    return [[line, ["" if i in dropped else cell for i, cell in enumerate(cells)]] for line, cells in rows]


# -- questions and the mapping ---------------------------------------------------------------------


def questions(campaign: Campaign) -> tuple[Question, ...]:
    return engine.instrument(campaign.version.definition).questions


def blockers(campaign: Campaign) -> list[Question]:
    """Required questions that no form can fill: with them, no row could pass the check."""
    return [q for q in questions(campaign) if q.type not in MAPPABLE_TYPES and q.required and q.show_if is None]


@dataclass
class Mapping:
    """Which column holds what; column numbers are 0-based."""

    questions: dict[str, int] = field(default_factory=dict)
    respondent: int | None = None
    time: int | None = None
    # consent questions the form did not ask: every respondent counts as having said «Да»
    consent: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"questions": self.questions, "respondent": self.respondent, "time": self.time, "consent": self.consent}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mapping:
        return cls(
            questions={str(k): int(v) for k, v in (data.get("questions") or {}).items()},
            respondent=data.get("respondent"),
            time=data.get("time"),
            consent=list(data.get("consent") or []),
        )

    def columns(self) -> set[int]:
        return set(self.questions.values()) | {c for c in (self.respondent, self.time) if c is not None}


def header_key(text: str) -> str:
    """How headers and question texts are compared: lower case, ё = е, no punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).replace("_", " ").split())


_RESPONDENT_HEADERS = ("фио", "ф и о", "фамилия", "ваше фио", "ваша фамилия", "имя и фамилия", "имя фамилия")
_EMAIL_HEADERS = ("email", "e mail", "адрес электронной почты", "электронная почта", "эл почта", "почта")
_IDENTITY_HEADERS = (*_RESPONDENT_HEADERS, *_EMAIL_HEADERS, "имя", "телефон", "номер телефона", "respondent")
_TIME_HEADERS = (
    "отметка времени",
    "timestamp",
    "время создания",
    "время ответа",
    "время заполнения",
    "дата и время",
    "дата заполнения",
    "дата ответа",
)


def _question_rules(question: Question) -> list[Callable[[str], bool]]:
    text = header_key(question.text)

    def near(key: str, test: Callable[[str, str], bool]) -> bool:
        shorter = min(len(key), len(text))
        return shorter >= MIN_MATCH and (test(key, text) or test(text, key))

    return [
        lambda key: key == question.id.replace("_", " "),  # q1…q21 of a hand-made table
        lambda key: key == text,
        lambda key: near(key, str.startswith),
        lambda key: near(key, str.__contains__),
    ]


def suggest(campaign: Campaign, columns: list[str]) -> Mapping:
    """The columns whose header is the question text (exact, then prefix, then «contains»)."""
    keys = [header_key(title) for title in columns]
    mappable = [q for q in questions(campaign) if q.type in MAPPABLE_TYPES]
    rules = {q.id: _question_rules(q) for q in mappable}
    mapping = Mapping()
    taken: set[int] = set()
    for level in range(4):
        for question in mappable:
            if question.id in mapping.questions:
                continue
            for index, key in enumerate(keys):
                if index not in taken and key and rules[question.id][level](key):
                    mapping.questions[question.id] = index
                    taken.add(index)
                    break

    def first(prefixes: tuple[str, ...]) -> int | None:
        for index, key in enumerate(keys):
            if index not in taken and key and (key in prefixes or key.startswith(prefixes)):
                taken.add(index)
                return index
        return None

    mapping.time = first(_TIME_HEADERS)
    if not campaign.anonymous:
        mapping.respondent = first(("respondent", "участник", *_RESPONDENT_HEADERS))
        if mapping.respondent is None:
            mapping.respondent = first(_EMAIL_HEADERS)
    return mapping


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


def _quoted(texts: list[str]) -> str:
    return ", ".join(f"«{short(text, 40)}»" for text in texts)


def _single(question: Question) -> Callable[[str], Any]:
    choices = _choices(question)

    def convert(text: str) -> Any:
        value = choices.get(_label_key(text))
        if value is not None:
            return value
        if question.other:
            return {"other": _OTHER_PREFIX.sub("", text)}
        raise _CellError(f"нет такого варианта ответа: {_quoted([text])}")

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
            raise _CellError(f"ответ {_quoted([text])} не распознан: нужно {labels}")
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
                raise _CellError(
                    f"{plural_ru(len(runs), 'нет такого варианта', 'нет таких вариантов', 'нет таких вариантов')}"
                    f" ответа: {_quoted(runs)}"
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
_ZONE = re.compile(r"\s*(?:Z|[A-Za-zА-Яа-я]{2,5}(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})?\s*")


def parse_time(text: str) -> datetime.datetime:
    """«23.11.2026 14:05:31», «2026-11-23 14:05», «11/23/2026 2:05:31 PM GMT+3» → local aware time.

    A time zone written after the time is ignored: forms export the time of the form's owner.
    """
    text = text.strip()
    dated = next(((m, order) for pattern, order in _DATE_FORMATS if (m := pattern.match(text))), None)
    if dated is None:
        raise _CellError(f"время {_quoted([text])} не распознано: укажите ДД.ММ.ГГГГ ЧЧ:ММ")
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
        if not _ZONE.fullmatch(rest):
            raise ValueError(rest)
        moment = datetime.datetime(year, month, day, *clock)
    except ValueError:
        raise _CellError(f"время {_quoted([text])} не распознано: укажите ДД.ММ.ГГГГ ЧЧ:ММ") from None
    aware = timezone.make_aware(moment)
    if aware > timezone.now() + datetime.timedelta(days=1):
        raise _CellError(f"время {_quoted([text])} ещё не наступило")
    return aware


# -- respondents of a named campaign -------------------------------------------------------------------


def _name_key(text: str) -> str:
    if "@" in text:
        return fold(text.strip())
    return " ".join(re.sub(r"[^\w-]+", " ", fold(text)).split())


class _Invited:
    """The people invited to the campaign, found by ФИО in any usual order or by e-mail."""

    def __init__(self, campaign: Campaign) -> None:
        self.keys: dict[str, set[int]] = {}
        self.names: dict[int, str] = {}
        self.answered: set[int] = set()
        self.person: dict[int, int] = {}
        rows = Invitation.objects.filter(campaign=campaign).values_list(
            "id", "person_id", "answered_at", "person__last_name", "person__first_name", "person__middle_name",
            "person__email",
        )  # fmt: skip
        for pk, person_id, answered_at, last, first, middle, email in rows:
            self.person[pk] = person_id
            self.names[pk] = " ".join(part for part in (last, first, middle) if part)
            if answered_at:
                self.answered.add(pk)
            variants = [(last, first, middle), (last, first), (first, last), (first, middle, last)]
            for parts in variants:
                if all(parts):
                    self.keys.setdefault(_name_key(" ".join(parts)), set()).add(pk)
            if email:
                self.keys.setdefault(_name_key(email), set()).add(pk)

    def find(self, text: str) -> int:
        """The invitation of the person named in the cell."""
        found = self.keys.get(_name_key(text), set())
        if not found:
            raise _CellError(f"{_quoted([text])} нет среди приглашённых в этот опрос")
        if len(found) > 1:
            raise _CellError(f"в опрос приглашены несколько человек с именем {_quoted([text])}: укажите e-mail")
        (pk,) = found
        if pk in self.answered:
            raise _CellError(f"{self.names[pk]} уже ответил(а) на этот опрос")
        return pk


# -- checking the rows -------------------------------------------------------------------------------


@dataclass
class Ready:
    """A row that passed every check, as it will be stored."""

    line: int
    answers: dict[str, Any]
    refused: bool
    row_hash: str
    invitation: int | None = None
    person: int | None = None
    submitted_at: datetime.datetime | None = None


@dataclass
class Outcome:
    rows: int = 0
    ready: list[Ready] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0
    error_rows: int = 0
    duplicates: int = 0

    def add_errors(self, line: int, messages: list[str]) -> None:
        self.error_rows += 1
        self.error_count += len(messages)
        room = MAX_STORED_ERRORS - len(self.errors)
        self.errors += [{"line": line, "message": message} for message in messages[: max(room, 0)]]

    def summary(self, mapping: Mapping, campaign: Campaign) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "ready": len(self.ready),
            "refused": sum(row.refused for row in self.ready),
            "linked": sum(row.invitation is not None for row in self.ready),
            "duplicates": self.duplicates,
            "errors": self.error_count,
            "error_rows": self.error_rows,
            "unlinked": not campaign.anonymous and mapping.respondent is None,
            "no_time": mapping.time is None,
        }


def _cell(cells: list[Any], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return str(cells[column] or "")


def row_hash(campaign: Campaign, mapping: Mapping, cells: list[Any]) -> str:
    """A keyed hash of the mapped, non-empty cells: the same row of the same form gives the same hash."""
    content = {qid: _cell(cells, column) for qid, column in mapping.questions.items()}
    if not campaign.anonymous:
        content["@respondent"] = _cell(cells, mapping.respondent)
    content["@time"] = _cell(cells, mapping.time)
    payload = [campaign.pk, {key: " ".join(value.split()) for key, value in content.items() if value.strip()}]
    message = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


class _Checker:
    """Converts and checks the rows of one batch with one mapping."""

    def __init__(self, batch: AnswerImport) -> None:
        self.batch = batch
        self.campaign = batch.campaign
        self.definition = self.campaign.version.definition
        self.mapping = Mapping.from_json(batch.mapping)
        self.questions = {q.id: q for q in questions(self.campaign)}
        self.order = list(self.questions)
        self.converters = {
            qid: CONVERTERS[self.questions[qid].type](self.questions[qid]) for qid in self.mapping.questions
        }
        named = not self.campaign.anonymous and self.mapping.respondent is not None
        self.invited = _Invited(self.campaign) if named else None
        self.seen_in_file: dict[int, int] = {}

    def run(self) -> Outcome:
        outcome = Outcome(rows=len(self.batch.rows))
        imported = Counter(
            ImportedResponse.objects.filter(batch__campaign=self.campaign).values_list("row_hash", flat=True)
        )
        for line, cells in self.batch.rows:
            digest = row_hash(self.campaign, self.mapping, cells)
            if imported[digest] > 0:
                imported[digest] -= 1
                outcome.duplicates += 1
                continue
            result = self.row(line, cells, digest)
            if isinstance(result, Ready):
                outcome.ready.append(result)
            else:
                outcome.add_errors(line, result)
        return outcome

    def row(self, line: int, cells: list[Any], digest: str) -> Ready | list[str]:
        answers: dict[str, Any] = dict.fromkeys(self.mapping.consent, "yes")
        problems: dict[str, list[str]] = {}
        for qid, column in self.mapping.questions.items():
            text = _cell(cells, column)
            if text.strip():
                try:
                    answers[qid] = self.converters[qid](text)
                except _CellError as error:
                    problems[qid] = [str(error)]
        checked = engine.check(self.definition, {k: v for k, v in answers.items() if k not in problems})
        errors: list[str] = []
        if not checked.refused:  # a consent «no» keeps only the refusal: the other answers do not matter
            for qid, messages in checked.errors.items():
                problems.setdefault(qid, messages)
            errors = [self.question_error(line, qid, problems[qid]) for qid in self.order if qid in problems]
        ready = Ready(line, checked.answers, checked.refused, digest)
        respondent, time = self.mapping.respondent, self.mapping.time
        if self.invited is not None and respondent is not None:
            self.guard(errors, line, "участник", respondent, lambda: self.respondent(ready, _cell(cells, respondent)))
        if time is not None:
            self.guard(errors, line, "время ответа", time, lambda: self.time(ready, _cell(cells, time)))
        return errors or ready

    @staticmethod
    def guard(errors: list[str], line: int, what: str, column: int, action: Callable[[], None]) -> None:
        try:
            action()
        except _CellError as error:
            errors.append(f"строка {line}, {what} (столбец {get_column_letter(column + 1)}): {error}")

    def question_error(self, line: int, qid: str, messages: list[str]) -> str:
        column = self.mapping.questions.get(qid)
        where = f" (столбец {get_column_letter(column + 1)})" if column is not None else ""
        text = "; ".join(m[:1].lower() + m[1:] for m in messages)
        name = f"вопрос «{short(self.questions[qid].text, 80)}»" if qid in self.questions else f"вопрос {qid}"
        return f"строка {line}, {name}{where}: {text}"

    def respondent(self, ready: Ready, text: str) -> None:
        assert self.invited is not None
        if not text.strip():
            raise _CellError("не указан: нужны ФИО или e-mail приглашённого")
        pk = self.invited.find(text)
        if pk in self.seen_in_file:
            raise _CellError(f"{self.invited.names[pk]} уже ответил(а) в строке {self.seen_in_file[pk]}")
        self.seen_in_file[pk] = ready.line
        ready.invitation, ready.person = pk, self.invited.person[pk]

    def time(self, ready: Ready, text: str) -> None:
        if text.strip():
            ready.submitted_at = parse_time(text)


def check_rows(batch: AnswerImport) -> Outcome:
    return _Checker(batch).run()


def _store_outcome(batch: AnswerImport, outcome: Outcome) -> None:
    batch.errors = outcome.errors
    batch.summary = outcome.summary(Mapping.from_json(batch.mapping), batch.campaign)
    batch.status = AnswerImportStatus.CHECKED
    batch.save(update_fields=["errors", "summary", "status"])


def save_mapping(batch: AnswerImport, mapping: Mapping) -> Outcome:
    """Keep the mapping and check every row with it (the preview)."""
    batch.mapping = mapping.as_json()
    fields = ["mapping"]
    if batch.campaign.anonymous:
        # Whatever else the export holds about the respondents is not kept for an anonymous campaign.
        keep = mapping.columns()
        batch.rows = _without_columns(batch.rows, set(range(len(batch.columns))) - keep)
        fields.append("rows")
    batch.save(update_fields=fields)
    outcome = check_rows(batch)
    _store_outcome(batch, outcome)
    return outcome


# -- commit ------------------------------------------------------------------------------------------


class _Recheck(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__("the commit found errors")
        self.outcome = outcome


def commit_batch(batch_id: int) -> AnswerImport:
    """Write every row in one transaction, or nothing; a second commit of the same batch is refused."""
    try:
        with transaction.atomic():
            # One commit at a time per campaign: the duplicate check must see the other's rows.
            Campaign.objects.select_for_update().filter(answer_imports=batch_id).first()
            claimed = AnswerImport.objects.filter(pk=batch_id, status=AnswerImportStatus.CHECKED).update(
                status=AnswerImportStatus.COMMITTED, committed_at=timezone.now()
            )
            batch = AnswerImport.objects.select_related("campaign__version", "campaign__organisation").get(pk=batch_id)
            if not claimed:
                raise CommitRefused(ALREADY_COMMITTED if batch.status == AnswerImportStatus.COMMITTED else NOT_CHECKED)
            # Checked again: someone may have answered by the personal link since the preview.
            outcome = check_rows(batch)
            if outcome.errors or not outcome.ready:
                raise _Recheck(outcome)
            _write(batch, outcome)
            batch.summary = {
                **outcome.summary(Mapping.from_json(batch.mapping), batch.campaign),
                "created": len(outcome.ready),
            }
            # The answers now live in responses; the file's cells (names, e-mails) are not kept.
            batch.rows, batch.errors = [], []
            batch.save(update_fields=["summary", "rows", "errors"])
            return batch
    except _Recheck as recheck:
        batch = AnswerImport.objects.select_related("campaign").get(pk=batch_id)
        _store_outcome(batch, recheck.outcome)
        raise CommitRefused(HAS_ERRORS if recheck.outcome.errors else NOTHING_NEW) from None


def _day(moment: datetime.datetime) -> datetime.datetime:
    # As for answers by link (services.store_response): an anonymous answer keeps only its day.
    return moment.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _classes(campaign: Campaign) -> dict[int, str]:
    members = Membership.objects.filter(
        organisation=campaign.organisation,
        role=Role.STUDENT,
        person_id__in=Invitation.objects.filter(campaign=campaign).values("person_id"),
    )
    return {
        pk: f"{grade}{letter}"
        for pk, grade, letter in members.values_list("person_id", "grade", "class_letter")
        if grade
    }


def _write(batch: AnswerImport, outcome: Outcome) -> None:
    campaign = batch.campaign
    definition = campaign.version.definition
    now = timezone.now()
    classes = _classes(campaign) if any(row.person for row in outcome.ready) else {}
    responses, answered = [], []
    for row in outcome.ready:
        moment = row.submitted_at or now
        person = None if campaign.anonymous else row.person
        responses.append(
            Response(
                campaign=campaign,
                version=campaign.version,
                person_id=person,
                refused=row.refused,
                answers=row.answers,
                scores=[] if row.refused else engine.score(definition, row.answers),
                submitted_at=_day(moment) if campaign.anonymous else moment,
                class_name=classes.get(person, "") if person else "",
            )
        )
        if row.invitation and person:
            answered.append(Invitation(pk=row.invitation, answered_at=moment))
    Response.objects.bulk_create(responses, batch_size=BATCH_SIZE)
    ImportedResponse.objects.bulk_create(
        [
            ImportedResponse(response=r, batch=batch, row_hash=row.row_hash)
            for r, row in zip(responses, outcome.ready, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    Invitation.objects.bulk_update(answered, ["answered_at"], batch_size=BATCH_SIZE)
