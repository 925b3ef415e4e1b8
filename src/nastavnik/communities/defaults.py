"""Default rows of the competence matrix (editable on the page «Матрица компетенций»).

Source 004 names the matrix and says it takes the professional standard of school heads into account
but lists no competences; these six are a product default. They are written by a migration and again
after a migrate or flush that left the list empty (post_migrate): an edited list is never touched.
"""

from __future__ import annotations

from typing import Any

DEFAULTS = (
    "Стратегическое управление развитием организации",
    "Управление образовательной деятельностью",
    "Управление персоналом и командой",
    "Управление ресурсами и финансами",
    "Взаимодействие с родителями и партнёрами",
    "Личная эффективность и лидерство",
)


def seed_competences(apps: Any = None, **_: Any) -> None:
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    competence = apps.get_model("communities", "Competence")
    if competence.objects.exists():
        return
    for order, name in enumerate(DEFAULTS, start=1):
        competence.objects.get_or_create(name=name, defaults={"order": order})
