"""Default rows of the competence matrix (see communities.defaults)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from nastavnik.communities.defaults import seed_competences


def seed(apps: Any, schema_editor: Any) -> None:
    seed_competences(apps)


class Migration(migrations.Migration):
    dependencies = [("communities", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
