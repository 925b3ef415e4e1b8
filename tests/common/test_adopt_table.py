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


def _all_latest() -> list[tuple[str, str | None]]:
    """Every app at its newest migration (going back unapplies the dependants in other apps too)."""
    return list(MigrationExecutor(connection).loader.graph.leaf_nodes())


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
        _migrate(_all_latest())
    tables = connection.introspection.table_names()
    assert "core_sentreminder" not in tables and "core_sensitivedataaccess" not in tables
    assert list(SentReminder.objects.values_list("key", "subject")) == [("roadmap:1", "Срок пункта")]
    assert list(SensitiveDataAccess.objects.values_list("person_id", "place")) == [(person.pk, "card")]
    # The moved tables still take new rows (sequences and constraints came along).
    SentReminder.objects.create(key="roadmap:2", recipient="b@example.ru", subject="Ещё")
    assert SentReminder.objects.count() == 2


def test_speed_meetings_keep_their_rows_through_the_move_and_rename() -> None:
    """Matching models left `pairs` and the speed-meeting ones were renamed (GroupMeeting → SpeedMeeting)."""
    import datetime

    from nastavnik.matching.models import SpeedMeeting
    from nastavnik.orgs.models import Organisation, OrganisationKind
    from nastavnik.programmes.models import ProgrammeFormat
    from tests.factories import make_programme

    school = Organisation.objects.create(
        name="Школа № 1", short_name="Школа № 1", slug="s1", kind=OrganisationKind.SCHOOL
    )
    programme_format = ProgrammeFormat.objects.get(programme=make_programme(school))
    meeting = SpeedMeeting.objects.create(
        programme_form=programme_format, title="Встреча", date=datetime.date(2026, 11, 20)
    )
    try:
        _migrate([("matching", None)])
        tables = connection.introspection.table_names()
        assert "pairs_groupmeeting" in tables and "matching_speedmeeting" not in tables
        with connection.cursor() as cursor:
            cursor.execute("SELECT title FROM pairs_groupmeeting WHERE id = %s", [meeting.pk])
            assert cursor.fetchone() == ("Встреча",)
    finally:
        _migrate(_all_latest())
    assert SpeedMeeting.objects.get(pk=meeting.pk).title == "Встреча"
