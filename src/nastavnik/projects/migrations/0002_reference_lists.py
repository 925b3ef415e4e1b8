"""The directions of НП «Образование» and the funding sources named in source 004 (§6.1)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from nastavnik.projects.reference import load_reference_lists


def load(apps: Any, schema_editor: Any) -> None:
    load_reference_lists(apps)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
