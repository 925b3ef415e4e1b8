"""The directions of НП «Образование» and the funding sources named in source 004 (§6.1).

Loaded by a migration and again after every migrate or flush (post_migrate), so tests that flush
the database and installations that lost a row get them back.
"""

from __future__ import annotations

from typing import Any

DIRECTIONS = (
    "Современная школа",
    "Успех каждого ребенка",
    "Цифровая образовательная среда",
    "Социальные лифты для каждого",
    "Учитель будущего",
    "Молодые профессионалы",
    "Патриотическое воспитание граждан Российской Федерации",
)
FUNDING = (
    "Текущее финансирование ИМЦ",
    "Приносящая доход деятельность ИМЦ",
    "Текущее финансирование ОО района в рамках программ НП «Образование»",
    "Грантовые конкурсы",
    "Ресурсы стейкхолдеров",
    "Федеральный бюджет (ФП «Демография»)",
)


def load_reference_lists(apps: Any = None, **_: Any) -> None:
    """Create the missing rows; existing ones are left as they are."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    direction = apps.get_model("projects", "NationalDirection")
    source = apps.get_model("projects", "FundingSource")
    for name in DIRECTIONS:
        direction.objects.get_or_create(name=name)
    for name in FUNDING:
        source.objects.get_or_create(name=name)
