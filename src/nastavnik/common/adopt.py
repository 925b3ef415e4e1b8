"""Migrations that move a model to another app without losing rows.

`adopt_table("people", "SensitiveDataAccess", "core_sensitivedataaccess")` returns a RunPython step
to put after a state-only CreateModel. On a database made before the move the old table is renamed
(rows, indexes and foreign keys kept) and its content type and permissions are handed over; on a new
database the table is created. Going back renames it to the old name again.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def adopt_table(app_label: str, model_name: str, old_table: str, old_model: str = "") -> migrations.RunPython:
    """`old_model`: the model's former name when it was renamed in the move (content types follow it)."""
    old_label, _, table_model = old_table.partition("_")
    old_name = (old_model or table_model).lower()

    def forwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        model = apps.get_model(app_label, model_name)
        tables = schema_editor.connection.introspection.table_names()
        if old_table not in tables:
            if model._meta.db_table not in tables:
                schema_editor.create_model(model)
            return
        schema_editor.alter_db_table(model, old_table, model._meta.db_table)
        content_type = apps.get_model("contenttypes", "ContentType")
        name = model._meta.model_name
        if not content_type.objects.filter(app_label=app_label, model=name).exists():
            content_type.objects.filter(app_label=old_label, model=old_name).update(app_label=app_label, model=name)

    def backwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        model = apps.get_model(app_label, model_name)
        schema_editor.alter_db_table(model, model._meta.db_table, old_table)
        content_type = apps.get_model("contenttypes", "ContentType")
        content_type.objects.filter(app_label=app_label, model=model._meta.model_name).update(
            app_label=old_label, model=old_name
        )

    return migrations.RunPython(forwards, backwards)
