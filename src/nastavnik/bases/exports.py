"""The bases as XLSX, with Russian headers and dates in ДД.ММ.ГГГГ."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse

from nastavnik.common.xlsx import build_workbook, xlsx_response

MENTOR_HEADER = [
    "ФИО",
    "Организация",
    "Программа",
    "Учебный год",
    "Форма",
    "Контур",
    "С чем может помочь",
    "Предметы",
    "Стаж, лет",
    "Сколько наставляемых",
    "Обучение",
    "Статус наставника",
    "Допуск",
    "Обоснование решения",
    "Дата заявки",
]
MENTEE_HEADER = [
    "ФИО",
    "Класс",
    "Организация",
    "Программа",
    "Учебный год",
    "Форма",
    "Проблемы (запрос)",
    "Сфера",
    "Цель",
    "Желаемый результат",
    "Формат",
    "Удобное время",
    "Активность",
    "Кто направил",
    "Статус",
    "Дата запроса",
]


def _date(value: datetime.datetime) -> str:
    return value.strftime("%d.%m.%Y")


def _common(entry: Any) -> list[str]:
    programme = entry.programme
    return [
        programme.organisation.short_name,
        programme.title,
        programme.academic_year.name,
        str(entry.programme_form) if entry.programme_form else "",
    ]


def _mentor_rows(qs: QuerySet[Any]) -> Iterator[Sequence[Any]]:
    for e in qs:
        yield [
            e.person.full_name,
            *_common(e),
            e.get_contour_display(),
            "; ".join(c.name for c in e.capabilities.all()),
            e.subjects,
            e.experience_years,
            e.capacity,
            e.get_training_status_display(),
            e.get_status_level_display(),
            e.get_admission_display(),
            e.admission_reason,
            _date(e.created_at),
        ]


def _class_name(entry: Any) -> str:
    memberships = getattr(entry.person, "student_memberships", [])
    return memberships[0].class_name if memberships else ""


def _mentee_rows(qs: QuerySet[Any]) -> Iterator[Sequence[Any]]:
    for e in qs:
        common = _common(e)
        yield [
            e.person.full_name,
            _class_name(e),
            *common,
            "; ".join(p.name for p in e.problems.all()),
            e.area,
            e.goal,
            e.desired_result,
            e.get_preferred_format_display(),
            e.preferred_time,
            e.get_activity_display(),
            e.get_referred_by_display(),
            e.get_status_display(),
            _date(e.created_at),
        ]


def entries_xlsx(slug: str, qs: QuerySet[Any]) -> HttpResponse:
    today = datetime.date.today().strftime("%d.%m.%Y")
    if slug == "mentor":
        content = build_workbook("База наставников", MENTOR_HEADER, _mentor_rows(qs), widths=[34, 24, 30])
        return xlsx_response(f"mentors-{today}.xlsx", content)
    content = build_workbook("База наставляемых", MENTEE_HEADER, _mentee_rows(qs), widths=[34, 8, 24, 30])
    return xlsx_response(f"mentees-{today}.xlsx", content)
