"""``nastavnik documents order --programme ID --out ORDER.docx``: documents without the web interface.

`order` writes the director's order «О закреплении наставнических пар (групп)» with one
table row per confirmed or fixed pair of the programme, using the number and date of the
programme's latest order when there is one. Every refusal exits with code 2, a Russian
message and no file written. Other kinds of documents join as further subcommands.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from nastavnik.common.commands import RussianCommand, RussianParser, fail
from nastavnik.common.text import plural_ru
from nastavnik.documents.rendering import render_docx
from nastavnik.pairs import orders
from nastavnik.programmes.models import Programme


class Command(RussianCommand):
    help = "Документы без веб-интерфейса: приказ о закреплении наставнических пар (групп) в DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(
            dest="kind", required=True, title="документы", metavar="{order}", parser_class=RussianParser
        )
        order = kinds.add_parser(
            "order",
            help="приказ о закреплении наставнических пар (групп)",
            description="Приказ о закреплении наставнических пар (групп): по строке на каждую подтверждённую "
            "или закреплённую пару программы.",
        )
        order.add_argument("--programme", required=True, metavar="ID", help="номер (id) программы наставничества")
        order.add_argument("--out", required=True, metavar="ORDER.docx", help="куда записать документ")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["kind"] == "order":
            self.order(str(options["programme"]), str(options["out"]))

    def order(self, raw_id: str, raw_out: str) -> None:
        if not raw_id.strip().isdigit():
            fail(f"номер программы должен быть целым числом, получено «{raw_id}».")
        out = Path(raw_out).expanduser()
        if out.is_dir():
            fail(f"«{out}» — папка; укажите имя файла, например {out / 'prikaz.docx'}.")
        folder = out.parent if str(out.parent) else Path(".")
        if not folder.is_dir():
            fail(f"папки «{folder}» нет — создайте её или укажите другой путь в --out.")
        if not os.access(folder, os.W_OK):
            fail(f"в папку «{folder}» нельзя записывать — укажите другой путь в --out.")
        programme = (
            Programme.objects.select_related("organisation", "academic_year", "curator").filter(pk=int(raw_id)).first()
        )
        if programme is None:
            fail(f"программы с номером {int(raw_id)} нет.")
        pairs = list(orders.programme_pairs_for_command(programme))
        if not pairs:  # an order fixing nobody is not an order
            fail(f"В программе нет подтверждённых пар: приказ не сформирован (программа № {programme.pk}).")
        context = orders.document_context(programme, orders.latest_order(programme), pairs)
        try:
            data = render_docx("order", context, programme.organisation)
        except Exception as error:  # an organisation's uploaded template that does not render
            fail(f"документ не собирается по шаблону организации ({type(error).__name__}: {error}).")
        partial = out.with_name(f".{out.name}.part")
        try:
            partial.write_bytes(data)
            os.replace(partial, out)
        except OSError as error:
            partial.unlink(missing_ok=True)
            fail(f"не удалось записать «{out}»: {error.strerror or error}.")
        rows = len(pairs)
        self.stdout.write(
            f"Приказ записан в {out}: {rows} {plural_ru(rows, 'строка', 'строки', 'строк')} в таблице пар."
        )
