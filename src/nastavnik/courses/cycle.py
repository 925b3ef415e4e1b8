"""The annual cycle of «Школа – Школе» (source 004, project 4): the stages with their months and
the activities the source lists for them, which seed a pair's plan of the year."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from nastavnik.courses.models import CycleEvent, CycleStage
from nastavnik.district.models import SchoolPairing


@dataclass(frozen=True)
class Stage:
    code: CycleStage
    timing: str
    months: tuple[int, ...]
    # (activity as the source words it, month, day) — the day the seeded event is planned on
    activities: tuple[tuple[str, int, int], ...]


STAGES = (
    Stage(
        CycleStage.PLAN,
        "Сентябрь",
        (9,),
        (
            ("Постановка целей и задач Проекта", 9, 10),
            (
                "Разработка мероприятий по выполнению Проекта, обоснование их актуальности, "
                "прогнозирование ожидаемых результатов",
                9,
                25,
            ),
        ),
    ),
    Stage(
        CycleStage.PD,
        "Октябрь – ноябрь",
        (10, 11),
        (
            (
                "Реализация программы повышения квалификации учителей «Актуальные проблемы повышения качества "
                "образовательных результатов учащихся» (36 часов)",
                10,
                5,
            ),
            ("Анализ работы учителя на уроке", 10, 20),
            ("Самоанализ учителями качества профессиональной деятельности", 11, 15),
        ),
    ),
    Stage(
        CycleStage.EXCHANGE,
        "Ноябрь – май",
        (12, 1, 2, 3, 4, 5),
        (
            (
                "Семинар по планированию и осуществлению подготовки учащихся к итоговой аттестации в соответствии "
                "со спецификацией ГИА",
                11,
                25,
            ),
            ("Круглый стол по обмену методическими материалами для организации подготовки учащихся к ГИА ОУ", 12, 10),
            ("Мастер-класс «Подготовка к написанию изложения и сочинения ОГЭ, ЕГЭ»", 1, 25),
            ("Круглый стол по вопросам реализации ВСОКО", 2, 15),
            ("Открытые уроки учителей школ-партнеров", 3, 12),
            ("Круглый стол по подготовке учащихся к ВПР", 4, 16),
        ),
    ),
    Stage(
        CycleStage.EVALUATION,
        "Июнь – сентябрь",
        (6, 7, 8),
        (
            ("Обработка всех данных, сравнение результатов, полученных в ходе реализации Проекта", 6, 15),
            ("Обобщение результатов, полученных в ходе реализации Проекта", 6, 30),
            ("Отчет по реализации Проекта", 8, 30),
        ),
    ),
)


def stage_on(day: datetime.date) -> CycleStage:
    return next(stage.code for stage in STAGES if day.month in stage.months)


def _date(start_year: int, month: int, day: int) -> datetime.date:
    return datetime.date(start_year if month >= 9 else start_year + 1, month, day)


@transaction.atomic
def seed_plan(pairing: SchoolPairing) -> int:
    """The year's plan from the source's table; events already there are kept. Returns how many were added."""
    start = pairing.academic_year.start_year
    have = set(CycleEvent.objects.filter(pairing=pairing).values_list("title", flat=True))
    new = [
        CycleEvent(pairing=pairing, stage=stage.code, title=title, day=_date(start, month, day))
        for stage in STAGES
        for title, month, day in stage.activities
        if title not in have
    ]
    CycleEvent.objects.bulk_create(new)
    return len(new)
