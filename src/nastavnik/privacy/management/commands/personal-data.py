"""``nastavnik personal-data export|erase|expire``: the person's rights (152-ФЗ) from the console.

- ``export --person ID --out FILE.json`` writes every record that names the person;
- ``erase --person ID --reason TEXT`` anonymises the person (like the director's button);
- ``expire [--dry-run] [--today YYYY-MM-DD]`` lists and anonymises people whose every membership ended
  more than PERSONAL_DATA_RETENTION_YEARS years ago (for cron).

Bad input exits with code 2, a Russian message naming the bad element, and writes/changes nothing.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils import timezone

from nastavnik.common.commands import RussianCommand, RussianParser, fail
from nastavnik.people.models import Person
from nastavnik.privacy import erase, export, retention


class Command(RussianCommand):
    help = "Права человека по 152-ФЗ: выгрузка всех данных, удаление (обезличивание), срок хранения."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, title="действия", metavar="{export,erase,expire}", parser_class=RussianParser
        )
        out = actions.add_parser("export", help="выгрузить все данные о человеке в JSON")
        out.add_argument("--person", required=True, metavar="ID", help="номер (id) человека")
        out.add_argument("--out", required=True, metavar="FILE.json", help="куда записать выгрузку")
        gone = actions.add_parser("erase", help="удалить (обезличить) персональные данные человека")
        gone.add_argument("--person", required=True, metavar="ID", help="номер (id) человека")
        gone.add_argument("--reason", required=True, metavar="TEXT", help="основание удаления")
        old = actions.add_parser("expire", help="обезличить тех, у кого истёк срок хранения")
        old.add_argument("--dry-run", action="store_true", help="только показать, ничего не менять")
        old.add_argument("--today", metavar="ГГГГ-ММ-ДД", help="дата расчёта (по умолчанию сегодня)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "export":
            self.export(_person(options["person"]), _target(str(options["out"])))
        elif action == "erase":
            self.erase(_person(options["person"]), str(options["reason"]))
        else:
            self.expire(_today(options.get("today")), bool(options["dry_run"]))

    def export(self, person: Person, target: Path) -> None:
        export.write(person, target)
        self.stdout.write(f"Данные человека №{person.pk} записаны в {target}")

    def erase(self, person: Person, reason: str) -> None:
        if not reason.strip():
            fail("укажите основание удаления (--reason)")
        if erase.is_erased(person):
            fail(f"персональные данные человека №{person.pk} уже удалены")
        erase.erase_person(person, reason, None, timezone.localdate())
        self.stdout.write(f"Персональные данные человека №{person.pk} удалены (обезличены)")

    def expire(self, today: datetime.date, dry_run: bool) -> None:
        years = int(settings.PERSONAL_DATA_RETENTION_YEARS)
        found = retention.expired(today, years) if dry_run else retention.expire(today, years)
        for item in found:
            self.stdout.write(f"{item.person_id}\t{item.left_on:%d.%m.%Y}")
        verb = "истёк срок хранения" if dry_run else "обезличено"
        self.stdout.write(f"Итого: {len(found)} ({verb}; срок хранения {years} г.)")


def _person(raw: object) -> Person:
    text = str(raw).strip()
    person = Person.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if person is None:
        fail(f"человек с номером (id) «{text}» не найден")
    return person


def _target(raw: str) -> Path:
    target = Path(raw)
    if target.is_dir():
        fail(f"--out «{raw}» — это папка, укажите имя файла")
    if not target.parent.is_dir():
        fail(f"--out «{raw}»: папка «{target.parent}» не существует")
    return target


def _today(raw: object) -> datetime.date:
    if raw is None:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(str(raw))
    except ValueError:
        fail(f"--today «{raw}»: ожидается дата в виде ГГГГ-ММ-ДД")
