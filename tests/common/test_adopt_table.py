"""Models moved between apps keep their rows on databases made before the moves.

Two moves are checked in one trip back and forth through the migrations (each trip renders the
migration state of every app, which takes minutes, so there is one trip, not one per move):

- `people` back to 0002 and `reminders` to zero rename the tables to their old names
  (core_sentreminder, core_sensitivedataaccess): the shape of a database made before the former
  `core` app was split;
- `matching` to zero gives the speed-meeting table back to `pairs` under its old name
  (pairs_groupmeeting): the shape before matching left `pairs` and GroupMeeting became SpeedMeeting.

Rows written in the old shape must be found through the moved models after migrating forward.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nastavnik.matching.models import SpeedMeeting
from nastavnik.orgs.models import Organisation, OrganisationKind
from nastavnik.people.models import Person, SensitiveDataAccess
from nastavnik.programmes.models import ProgrammeFormat
from nastavnik.reminders.models import SentReminder
from tests.factories import make_programme

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("people", "0002_person_search_text"), ("reminders", None), ("matching", None)]


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _all_latest() -> list[tuple[str, str | None]]:
    """Every app at its newest migration (going back unapplies the dependants in other apps too)."""
    return list(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _speed_meeting() -> SpeedMeeting:
    school = Organisation.objects.create(
        name="Школа № 1", short_name="Школа № 1", slug="s1", kind=OrganisationKind.SCHOOL
    )
    programme_format = ProgrammeFormat.objects.get(programme=make_programme(school))
    return SpeedMeeting.objects.create(
        programme_form=programme_format, title="Встреча", date=datetime.date(2026, 11, 20)
    )


def _write_rows_in_the_old_shape(person: Person, meeting: SpeedMeeting) -> None:
    tables = connection.introspection.table_names()
    assert "core_sentreminder" in tables and "core_sensitivedataaccess" in tables
    assert SentReminder._meta.db_table not in tables and SensitiveDataAccess._meta.db_table not in tables
    assert "pairs_groupmeeting" in tables and SpeedMeeting._meta.db_table not in tables
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_sentreminder (key, recipient, subject, sent_at) VALUES (%s, %s, %s, %s)",
            ["roadmap:1", "a@example.ru", "Срок пункта", "2026-11-30 10:00:00+00:00"],
        )
        cursor.execute(
            "INSERT INTO core_sensitivedataaccess (person_id, at, place) VALUES (%s, %s, %s)",
            [person.pk, "2026-11-30 10:00:00+00:00", "card"],
        )
        # The speed meeting written through the model before going back is there under the old name.
        cursor.execute("SELECT title FROM pairs_groupmeeting WHERE id = %s", [meeting.pk])
        assert cursor.fetchone() == ("Встреча",)


def test_rows_in_the_tables_of_a_database_made_before_the_moves_survive_them() -> None:
    person = Person.objects.create(last_name="Соколова", first_name="Анна")
    meeting = _speed_meeting()
    try:
        _migrate(BEFORE)
        _write_rows_in_the_old_shape(person, meeting)
    finally:
        _migrate(_all_latest())
    tables = connection.introspection.table_names()
    assert "core_sentreminder" not in tables and "core_sensitivedataaccess" not in tables
    assert "pairs_groupmeeting" not in tables
    assert list(SentReminder.objects.values_list("key", "subject")) == [("roadmap:1", "Срок пункта")]
    assert list(SensitiveDataAccess.objects.values_list("person_id", "place")) == [(person.pk, "card")]
    assert SpeedMeeting.objects.get(pk=meeting.pk).title == "Встреча"
    # The moved tables still take new rows (sequences and constraints came along).
    SentReminder.objects.create(key="roadmap:2", recipient="b@example.ru", subject="Ещё")
    assert SentReminder.objects.count() == 2
    assert (
        SpeedMeeting.objects.create(
            programme_form=meeting.programme_form, title="Вторая", date=datetime.date(2026, 12, 4)
        ).pk
        != meeting.pk
    )
