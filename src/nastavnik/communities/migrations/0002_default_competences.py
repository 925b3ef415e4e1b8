"""Default rows of the competence matrix (editable on the page «Матрица компетенций»).

Source 004 names the matrix and says it takes the professional standard of school heads into account
but lists no competences; these six are a product default.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

DEFAULTS = (
    "Стратегическое управление развитием организации",
    "Управление образовательной деятельностью",
    "Управление персоналом и командой",
    "Управление ресурсами и финансами",
    "Взаимодействие с родителями и партнёрами",
    "Личная эффективность и лидерство",
)


def seed(apps: Any, schema_editor: Any) -> None:
    competence = apps.get_model("communities", "Competence")
    for order, name in enumerate(DEFAULTS, start=1):
        competence.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("communities", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
