"""The directions of НП «Образование» and the funding sources named in source 004 (§6.1)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

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


def load(apps: Any, schema_editor: Any) -> None:
    direction = apps.get_model("projects", "NationalDirection")
    source = apps.get_model("projects", "FundingSource")
    for name in DIRECTIONS:
        direction.objects.get_or_create(name=name)
    for name in FUNDING:
        source.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
