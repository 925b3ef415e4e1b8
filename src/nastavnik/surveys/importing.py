"""Import of answers collected in Yandex Forms or Google Forms (CSV/XLSX) into a campaign.

Upload → the header and the rows are kept in an ``AnswerImport`` (``import_reading``) → the curator
maps columns to the questions → every row is converted to answers (``import_cells``), linked to an
invited person (``import_respondents``) and checked by the instrument engine (here) → the commit
(``import_writing``): all or nothing by default, or the correct rows with the bad ones skipped.

Decisions:

- A form without the consent question: the curator may say «все ответившие согласились» —
  filling in a form is voluntary — and the answer is taken as «Да» for every row.
- A bad row (a half-empty row, a missing required scale answer, a person not invited) makes only
  that row invalid; the curator decides whether the file loads all or nothing (the default) or
  loads its correct rows and skips the bad ones, which can be downloaded as XLSX with the reasons.
- Repeats: each imported response keeps a fingerprint — a keyed hash (HMAC with SECRET_KEY, so it
  cannot be matched to a name) of the campaign, the respondent and the submission time to the
  second. The respondent is the invited person the row was linked to; for anonymous campaigns (and
  named ones without a respondent column) it is the answers themselves. The time is read the same
  from text and from date cells, so a CSV and its XLSX re-download give the same fingerprints and a
  re-download imports only the new rows. Two identical rows of one file are two answers (pupils may
  answer alike), so fingerprints are counted as a multiset. Responses imported before fingerprints
  existed are recognised by their old hash of the row's cells.
- Anonymous campaigns ignore identity: no respondent column, no person, no invitation marked,
  only the day of the answer. Columns headed like ФИО, e-mail or phone are emptied before the
  upload is stored, every column not mapped to a question is emptied when the mapping is saved,
  and the commit empties the stored rows (except the skipped ones, kept for their download).
- Named campaigns link a row to a person invited in the campaign; an unknown, ambiguous, repeated
  or already answered person is a row error. Without a respondent column the answers stay unlinked.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from openpyxl.utils import get_column_letter

from nastavnik.surveys import engine
from nastavnik.surveys.import_cells import CONVERTERS, CellError, parse_time
from nastavnik.surveys.import_reading import (
    MAPPABLE_TYPES,
    TYPE_NAMES,
    Mapping,
    Table,
    blockers,
    column_label,
    create_batch,
    identity_columns,
    questions,
    read_table,
    short,
    suggest,
    without_columns,
)
from nastavnik.surveys.import_respondents import Invited
from nastavnik.surveys.models import AnswerImport, AnswerImportStatus, Campaign, ImportedResponse

__all__ = [
    "CONVERTERS",
    "MAPPABLE_TYPES",
    "TYPE_NAMES",
    "Mapping",
    "Outcome",
    "Ready",
    "Table",
    "blockers",
    "check_rows",
    "column_label",
    "create_batch",
    "identity_columns",
    "parse_time",
    "questions",
    "read_table",
    "save_mapping",
    "short",
    "suggest",
]

# Stored errors are capped; the summary keeps the full count and every bad line.
MAX_STORED_ERRORS = 1000


@dataclass
class Ready:
    """A row that passed every check, as it will be stored."""

    line: int
    answers: dict[str, Any]
    refused: bool
    row_hash: str
    fingerprint: str = ""
    invitation: int | None = None
    person: int | None = None
    submitted_at: datetime.datetime | None = None


@dataclass
class Outcome:
    rows: int = 0
    ready: list[Ready] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0
    error_lines: list[int] = field(default_factory=list)
    duplicates: int = 0

    def add_errors(self, line: int, messages: list[str]) -> None:
        self.error_lines.append(line)
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
            "error_rows": len(self.error_lines),
            "error_lines": self.error_lines,
            "unlinked": not campaign.anonymous and mapping.respondent is None,
            "no_time": mapping.time is None,
        }


def _cell(cells: list[Any], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return str(cells[column] or "")


def _keyed(payload: Any) -> str:
    message = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def row_hash(campaign: Campaign, mapping: Mapping, cells: list[Any]) -> str:
    """The hash of the mapped cells as text, kept for responses imported before fingerprints existed."""
    content = {qid: _cell(cells, column) for qid, column in mapping.questions.items()}
    if not campaign.anonymous:
        content["@respondent"] = _cell(cells, mapping.respondent)
    content["@time"] = _cell(cells, mapping.time)
    return _keyed([campaign.pk, {key: " ".join(value.split()) for key, value in content.items() if value.strip()}])[:32]


def fingerprint(campaign: Campaign, identity: dict[str, Any], moment: datetime.datetime | None) -> str:
    """(campaign, respondent, submission time to the second) as a keyed hash: the same whatever the file format."""
    stamp = moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat() if moment else None
    return _keyed([campaign.pk, identity, stamp])[:40]


class _Imported:
    """Fingerprints (and old row hashes) of the campaign's imported responses, as a multiset."""

    def __init__(self, campaign: Campaign) -> None:
        pairs = ImportedResponse.objects.filter(batch__campaign=campaign).values_list("fingerprint", "row_hash")
        self.fingerprints: Counter[str] = Counter()
        self.hashes: Counter[str] = Counter()
        for print_, digest in pairs:
            if print_:
                self.fingerprints[print_] += 1
            else:
                self.hashes[digest] += 1

    def take(self, print_: str | None, digest: str) -> bool:
        """True when the row was imported before (and counts it off)."""
        for counter, key in ((self.fingerprints, print_), (self.hashes, digest)):
            if key and counter[key] > 0:
                counter[key] -= 1
                return True
        return False


@dataclass
class _Row:
    """A row while it is checked."""

    line: int
    cells: list[Any]
    errors: list[str] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)
    refused: bool = False
    question_errors: bool = False
    time_ok: bool = True
    invitation: int | None = None
    submitted_at: datetime.datetime | None = None


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
        self.named = not self.campaign.anonymous and self.mapping.respondent is not None
        self.invited = Invited(self.campaign) if self.named else None
        self.seen_in_file: dict[int, int] = {}

    def run(self) -> Outcome:
        outcome = Outcome(rows=len(self.batch.rows))
        imported = _Imported(self.campaign)
        for line, cells in self.batch.rows:
            row = _Row(line, cells)
            self.answers(row)
            self.read_time(row)
            if self.named:
                self.find_respondent(row)
            print_ = self.fingerprint(row)
            # Checked before «already answered»: the person of an imported row has answered, by this very row.
            if imported.take(print_, "" if row.errors else row_hash(self.campaign, self.mapping, cells)):
                outcome.duplicates += 1
                continue
            self.check_person(row)
            if row.errors:
                outcome.add_errors(line, row.errors)
            else:
                outcome.ready.append(self.ready(row, print_ or ""))
        return outcome

    def answers(self, row: _Row) -> None:
        answers: dict[str, Any] = dict.fromkeys(self.mapping.consent, "yes")
        problems: dict[str, list[str]] = {}
        for qid, column in self.mapping.questions.items():
            text = _cell(row.cells, column)
            if text.strip():
                try:
                    answers[qid] = self.converters[qid](text)
                except CellError as error:
                    problems[qid] = [str(error)]
        checked = engine.check(self.definition, {k: v for k, v in answers.items() if k not in problems})
        if not checked.refused:  # a consent «no» keeps only the refusal: the other answers do not matter
            for qid, messages in checked.errors.items():
                problems.setdefault(qid, messages)
            row.errors += [self.question_error(row.line, qid, problems[qid]) for qid in self.order if qid in problems]
        row.answers, row.refused, row.question_errors = checked.answers, checked.refused, bool(row.errors)

    def read_time(self, row: _Row) -> None:
        column = self.mapping.time
        text = _cell(row.cells, column)

        def read() -> None:
            row.submitted_at = parse_time(text)

        if column is not None and text.strip():
            row.time_ok = self.guard(row, "время ответа", column, read)

    def find_respondent(self, row: _Row) -> None:
        assert self.invited is not None and self.mapping.respondent is not None
        text, klass = _cell(row.cells, self.mapping.respondent), self.mapping.klass
        klass_text = _cell(row.cells, klass) if klass is not None else None

        def find() -> None:
            if not text.strip():
                raise CellError("не указан: нужны ФИО или e-mail приглашённого")
            assert self.invited is not None
            row.invitation = self.invited.find(text, klass_text)

        self.guard(row, "участник", self.mapping.respondent, find)

    def fingerprint(self, row: _Row) -> str | None:
        """None when the row cannot be told apart from others (unknown person, unreadable time or answers)."""
        if not row.time_ok:
            return None
        if self.named:
            if row.invitation is None or self.invited is None:
                return None
            identity: dict[str, Any] = {"person": self.invited.person[row.invitation]}
        elif row.question_errors:
            return None
        else:
            identity = {"answers": row.answers, "refused": row.refused}
        return fingerprint(self.campaign, identity, row.submitted_at)

    def check_person(self, row: _Row) -> None:
        """A person answers once: not already answered, not twice in the file."""
        if row.invitation is None or self.invited is None or self.mapping.respondent is None:
            return
        pk, column = row.invitation, self.mapping.respondent

        def check() -> None:
            assert self.invited is not None
            if self.invited.is_answered(pk):
                raise CellError(f"{self.invited.names[pk]} уже ответил(а) на этот опрос")
            if pk in self.seen_in_file:
                raise CellError(f"{self.invited.names[pk]} уже ответил(а) в строке {self.seen_in_file[pk]}")
            self.seen_in_file[pk] = row.line

        self.guard(row, "участник", column, check)

    def ready(self, row: _Row, print_: str) -> Ready:
        person = self.invited.person[row.invitation] if self.invited and row.invitation else None
        digest = row_hash(self.campaign, self.mapping, row.cells)
        return Ready(row.line, row.answers, row.refused, digest, print_, row.invitation, person, row.submitted_at)

    @staticmethod
    def guard(row: _Row, what: str, column: int, action: Callable[[], None]) -> bool:
        try:
            action()
        except CellError as error:
            row.errors.append(f"строка {row.line}, {what} (столбец {get_column_letter(column + 1)}): {error}")
            return False
        return True

    def question_error(self, line: int, qid: str, messages: list[str]) -> str:
        column = self.mapping.questions.get(qid)
        where = f" (столбец {get_column_letter(column + 1)})" if column is not None else ""
        text = "; ".join(m[:1].lower() + m[1:] for m in messages)
        name = f"вопрос «{short(self.questions[qid].text, 80)}»" if qid in self.questions else f"вопрос {qid}"
        return f"строка {line}, {name}{where}: {text}"


def check_rows(batch: AnswerImport) -> Outcome:
    return _Checker(batch).run()


def store_outcome(batch: AnswerImport, outcome: Outcome) -> None:
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
        batch.rows = without_columns(batch.rows, set(range(len(batch.columns))) - keep)
        fields.append("rows")
    batch.save(update_fields=fields)
    outcome = check_rows(batch)
    store_outcome(batch, outcome)
    return outcome
