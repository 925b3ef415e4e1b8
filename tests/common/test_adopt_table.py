"""Models moved out of the former `core` app keep their rows on databases made before the move.

Migrating `people` back to 0002 and `reminders` to zero renames the tables to their old names
(core_sentreminder, core_sensitivedataaccess), which is the shape of a database made before the
move; rows written there must be found through the moved models after migrating forward.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nastavnik.people.models import Person, SensitiveDataAccess
from nastavnik.reminders.models import SentReminder

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("people", "0002_person_search_text"), ("reminders", None)]


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest() -> list[tuple[str, str | None]]:
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    return [node for node in leaves if node[0] in {"people", "reminders"}]


def test_rows_in_old_core_tables_survive_the_move() -> None:
    person = Person.objects.create(last_name="Соколова", first_name="Анна")
    try:
        _migrate(BEFORE)
        tables = connection.introspection.table_names()
        assert "core_sentreminder" in tables and "core_sensitivedataaccess" in tables
        assert "reminders_sentreminder" not in tables
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO core_sentreminder (key, recipient, subject, sent_at) VALUES (%s, %s, %s, %s)",
                ["roadmap:1", "a@example.ru", "Срок пункта", "2026-11-30 10:00:00+00:00"],
            )
            cursor.execute(
                "INSERT INTO core_sensitivedataaccess (person_id, at, place) VALUES (%s, %s, %s)",
                [person.pk, "2026-11-30 10:00:00+00:00", "card"],
            )
    finally:
        _migrate(_latest())
    tables = connection.introspection.table_names()
    assert "core_sentreminder" not in tables and "core_sensitivedataaccess" not in tables
    assert list(SentReminder.objects.values_list("key", "subject")) == [("roadmap:1", "Срок пункта")]
    assert list(SensitiveDataAccess.objects.values_list("person_id", "place")) == [(person.pk, "card")]
    # The moved tables still take new rows (sequences and constraints came along).
    SentReminder.objects.create(key="roadmap:2", recipient="b@example.ru", subject="Ещё")
    assert SentReminder.objects.count() == 2
