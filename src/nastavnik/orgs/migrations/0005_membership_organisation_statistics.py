"""Per-organisation statistics for memberships on PostgreSQL.

The planner keeps exact counts for the most common values of a column, 100 of them by default. A
region has several hundred organisations, so most were estimated as average-sized, and a list
filtered by a small district's organisations was planned as if it held a thousand people
(bench/load). With 1 000 the counts of every organisation of a region are kept. Other databases:
nothing to do.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TARGET = 1000


def _set(apps: Any, schema_editor: Any, target: int) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE orgs_membership ALTER COLUMN organisation_id SET STATISTICS {int(target)}"
    )


def forwards(apps: Any, schema_editor: Any) -> None:
    _set(apps, schema_editor, TARGET)


def backwards(apps: Any, schema_editor: Any) -> None:
    _set(apps, schema_editor, -1)  # back to the server's default


class Migration(migrations.Migration):
    dependencies = [("orgs", "0004_historicalmembership_class_teacher_name_and_more")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
