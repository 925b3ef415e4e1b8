"""``nastavnik import people FILE --org <id|slug> --kind students|teachers [--skip-invalid] [--dry-run]``.

For administrators and scripts: the same checks and the same save as the web import, with the
organisation's remembered column mapping (or the synonym list) and no interactive step. A JSON
summary goes to stdout::

    {"created": N, "updated": N, "unchanged": N, "skipped": N,
     "errors": [{"row": R, "column": "…", "message": "…"}], "warnings": [...]}

Exit 0 when the rows were saved (with ``--dry-run``: when the save would succeed; everything is
rolled back). Exit 2 with the JSON still printed when a row has an error and ``--skip-invalid`` was
not given — nothing is written. An unreadable file, an unknown organisation or columns that need
the mapping step exit 2 with a Russian message on stderr and write nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import CommandParser
from django.db import transaction

from nastavnik.common.commands import RussianCommand, RussianParser, fail
from nastavnik.imports import services
from nastavnik.imports.columns import ImportFileError, Table, build_table, resolve_mapping
from nastavnik.imports.models import ImportBatch, ImportKind
from nastavnik.imports.parsing import detect_table, read_rows
from nastavnik.orgs.models import Organisation

KINDS = {"students": ImportKind.STUDENTS, "teachers": ImportKind.STAFF}


class _Rollback(Exception):
    """Leaves the transaction without writing anything (a dry run, or a file with row errors)."""


class Command(RussianCommand):
    help = "Загрузка людей из XLSX/CSV без веб-интерфейса: обучающиеся или педагоги одной организации."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="what", required=True, title="что загружаем", metavar="{people}", parser_class=RussianParser
        )
        people = actions.add_parser("people", help="обучающиеся или педагоги из таблицы XLSX/CSV")
        people.add_argument("file", metavar="FILE", help="таблица .xlsx или .csv")
        people.add_argument("--org", required=True, metavar="ID|SLUG", help="организация: номер (id) или код (slug)")
        people.add_argument("--kind", required=True, metavar="students|teachers", help="кого загружаем")
        people.add_argument(
            "--skip-invalid", action="store_true", help="загрузить корректные строки, пропустить ошибочные"
        )
        people.add_argument("--dry-run", action="store_true", help="только проверить: ничего не записывать")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = _organisation(str(options["org"]))
        if options["kind"] not in KINDS:
            fail(f"неизвестное значение --kind «{options['kind']}»: укажите students или teachers")
        kind = KINDS[options["kind"]]
        path = Path(options["file"])
        table = _read(path, organisation, kind)
        skip, dry_run = bool(options["skip_invalid"]), bool(options["dry_run"])
        refused = ""
        result: dict[str, Any] = {}
        try:
            with transaction.atomic():
                batch = services.prepare_batch(
                    organisation=organisation, kind=kind, table=table, filename=path.name, user=AnonymousUser()
                )
                result = summary(batch, committed=False)
                if batch.errors and not skip:
                    refused = "в файле есть строки с ошибками — ничего не записано (или добавьте --skip-invalid)"
                    raise _Rollback
                try:
                    batch = services.commit_batch(batch.pk, AnonymousUser(), skip_invalid=skip)
                except services.CommitRefused as exc:
                    refused = str(exc)
                    raise _Rollback from None
                result = summary(batch, committed=True)
                if dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        if refused:
            fail(refused)


def _organisation(text: str) -> Organisation:
    text = text.strip()
    found = Organisation.objects.filter(pk=int(text)).first() if text.isdigit() else None
    found = found or Organisation.objects.filter(slug=text).first()
    if found is None:
        fail(f"организация «{text}» не найдена: укажите её номер (id) или код (slug) в --org")
    return found


def _read(path: Path, organisation: Organisation, kind: str) -> Table:
    """The table to check, with the remembered mapping or the synonyms; any problem exits 2."""
    if not path.is_file():
        fail(f"файл «{path}» не найден")
    try:
        with path.open("rb") as stream:
            source = detect_table(read_rows(path.name, stream, path.stat().st_size), kind)
        resolution = resolve_mapping(organisation, kind, source.titles)
        if not resolution.ready:
            problems = " ".join(resolution.problems)
            fail(
                f"файл «{path.name}»: {problems} Сопоставьте столбцы один раз на странице импорта — "
                "сопоставление запомнится для этой организации."
            )
        return build_table(source, resolution.mapping, kind, organisation.kind)
    except ImportFileError as exc:
        fail(f"файл «{path.name}»: {exc}")
    except OSError as exc:
        fail(f"файл «{path}» не удалось прочитать: {exc.strerror or exc}")


def _entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """{"line", "column", "message": "строка 5, столбец «Класс»: …"} → {"row", "column", "message": "…"}."""
    result = []
    for entry in entries:
        prefix = f"строка {entry['line']}"
        if entry.get("column"):
            prefix += f", столбец «{entry['column']}»"
        message = entry["message"].removeprefix(prefix).lstrip(",: ")
        result.append({"row": entry["line"], "column": entry.get("column", ""), "message": message})
    return result


def summary(batch: ImportBatch, *, committed: bool) -> dict[str, Any]:
    """The command's JSON: what was saved (zeros while nothing was), the row errors and warnings."""
    counts = batch.summary if committed else {}
    return {
        "created": counts.get("created", 0),
        "updated": counts.get("updated", 0),
        "unchanged": counts.get("unchanged", 0),
        "skipped": counts.get("skipped", 0),
        "errors": _entries(batch.errors),
        "warnings": _entries(batch.warnings),
    }
