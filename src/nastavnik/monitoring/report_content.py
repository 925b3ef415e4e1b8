"""What the report on the programme says: figures as Russian text and table rows, and its charts.

The texts and rows are drawn from the indicator table (`report.Row`) and the monitoring figures
of the dashboards (`figures.DashboardData`); `documents.build_report` puts them into the context
of the DOCX and PDF templates. The hints of «плюсы / минусы» are a draft the curator rewrites.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from nastavnik.matching.models import Scheme
from nastavnik.monitoring import charts_png
from nastavnik.monitoring.charts_png import Bar
from nastavnik.monitoring.compute import Value
from nastavnik.monitoring.figures import DashboardData, SchemeFigures
from nastavnik.monitoring.indicators import DEFINITIONS
from nastavnik.monitoring.report import Row, format_percent
from nastavnik.pairs.models import PairStatus

# Charts of a territory show at most this many rows (the roll-up table lists them all).
CHART_ROWS = 25
IN_MENTORING = (PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.COMPLETED)
SCHEME_SHORT: dict[str, str] = {
    Scheme.APPOINTMENT: "Назначение куратором",
    Scheme.QUESTIONNAIRE: "Подбор по анкетам",
    Scheme.GROUP_MEETING: "Групповая встреча",
}
NO_DATA = "нет данных"
FILL_IN = "______________________________________________ (заполняется куратором)"


def ru_date(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def number(value: float | None, digits: int = 1) -> str:
    """4.5 → «4,5»; 4.0 → «4»; None → «—»."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return text.replace(".", ",").replace("-", "−")


def share(value: float | None) -> str:
    return "—" if value is None else f"{number(value)} %"


def signed(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    text = number(value, digits)
    return f"+{text}" if value > 0 else text


def _value(value: Value) -> str:
    if value.value is None:
        return "—"
    return f"{value.value}*" if value.is_manual else str(value.value)


def indicator_row(row: Row) -> dict[str, Any]:
    dynamics = row.dynamics
    return {
        "code": row.indicator.code,
        "name": row.indicator.name,
        "start": _value(row.start),
        "current": _value(row.result),
        "dynamics": "—" if dynamics is None else (f"+{dynamics}" if dynamics > 0 else str(dynamics).replace("-", "−")),
        "percent": format_percent(row.percent).replace("-", "−"),
        "target": row.target.label if row.target else "",
        "met": row.met_label,
    }


def indicator_groups(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows laid out as Appendix 2: groups, the model subtitles of group 3, indicators."""
    by_code = {row["code"]: row for row in rows}
    return [
        {
            "code": group.code,
            "title": group.title,
            "sections": [
                {"subtitle": section.subtitle, "indicators": [by_code[i.code] for i in section.indicators]}
                for section in group.sections
            ],
        }
        for group in DEFINITIONS.groups
    ]


# -- monitoring texts ---------------------------------------------------------------------------


def _of_five(value: float | None) -> str:
    """«4,5 из 5», or «оценок пока нет» instead of a bare dash."""
    return "оценок пока нет" if value is None else f"{number(value)} из 5"


def stage1_text(data: DashboardData) -> str:
    quality, conformity = data.total.quality, data.total.conformity
    lines = [
        f"Оценки встреч наставляемыми: средняя — {_of_five(quality.ratings.value)} "
        f"(оценок: {quality.ratings.count}); встреч проведено: {quality.meetings}.",
        f"Удовлетворённость наставляемых по итогам завершённых пар: {_of_five(quality.satisfaction.value)} "
        f"(ответов: {quality.satisfaction.count}).",
        f"Взаимная оценка при завершении: наставники — {_of_five(quality.mentor_marks.value)}, "
        f"наставляемые — {_of_five(quality.mentee_marks.value)}.",
        f"Регулярность встреч: каждый месяц встречались {quality.regular_pairs} из {quality.working_pairs} "
        f"работающих пар" + (f" ({share(quality.regular_share)})." if quality.regular_share is not None else "."),
    ]
    if conformity.responses:
        lines.append(
            f"Анкета соответствия куратора: анкет — {conformity.responses}, ответов «Да» — "
            f"{share(conformity.yes_share)} пунктов, средняя оценка — {_of_five(conformity.marks.value)}."
        )
    else:
        lines.append("Анкета соответствия куратора за учебный год не заполнялась.")
    return "\n".join(lines)


def stage2_lines(data: DashboardData) -> list[dict[str, Any]]:
    """Stage 2 as lines; `worse` marks a scale that changed the wrong way (a rise in anxiety too)."""
    surveys = data.total.surveys
    if not surveys.links:
        return [
            {
                "text": "Анкетирование «до» и «после» за учебный год не связано в пары кампаний: "
                "влияние программы на наставляемых не измерено.",
                "worse": False,
            }
        ]
    lines = [
        {
            "text": f"Связанных кампаний анкетирования «до → после»: {surveys.links}; по графику (входное — "
            f"в октябре–ноябре, итоговое — в мае): {surveys.on_schedule}. Ответов «до»: {surveys.before_answers}, "
            f"«после»: {surveys.after_answers}.",
            "worse": False,
        }
    ]
    for scale, change, _by_scheme in data.scale_changes():
        if change.before.value is None or change.after.value is None:
            lines.append(
                {
                    "text": f"{scale.instrument}: {scale.name} — сравнить нельзя: нет ответов «до» или «после».",
                    "worse": False,
                }
            )
            continue
        paired = ""
        if change.paired.count:
            paired = (
                f"; у ответивших оба раза ({change.paired.count}) — в среднем {signed(change.paired_delta)}, "
                f"рост у {share(change.improved_share)}"
            )
        delta = change.paired_delta if change.paired.count else change.delta
        verdict = scale.verdict(delta)
        lines.append(
            {
                "text": f"{scale.instrument}: {scale.name} — до {number(change.before.value, 2)}, после "
                f"{number(change.after.value, 2)}, изменение {signed(change.delta)}{paired}"
                + (f": {verdict}." if verdict else "."),
                "worse": verdict == "ухудшение",
            }
        )
    return lines


def stage2_text(data: DashboardData) -> str:
    return "\n".join(line["text"] for line in stage2_lines(data))


def involvement_text(data: DashboardData) -> str:
    involvement = data.total.involvement
    target = data.involvement_target
    met = {True: "цель достигнута", False: "цель не достигнута", None: "цель оценить нельзя"}[involvement.target_met]
    lines = [
        f"Обучающихся в наставничестве: {involvement.students_in} из {involvement.students} "
        f"({share(involvement.students_share)}); цель — не менее {target} %: {met}.",
        f"Педагогов в наставничестве: {involvement.teachers_in} из {involvement.teachers} "
        f"({share(involvement.teachers_share)}).",
    ]
    return "\n".join(lines)


def scheme_rows(data: DashboardData) -> list[dict[str, Any]]:
    rows = []
    for code, label, figures in data.schemes:
        rows.append(
            {
                "code": code,
                "name": label,
                "short": SCHEME_SHORT.get(code, label),
                "pairs": figures.formed,
                "completed": figures.completed,
                "completion": share(figures.completion_rate),
                "satisfaction": number(figures.quality.satisfaction.value),
                "change": signed(figures.change.paired_delta),
            }
        )
    return rows


def schemes_text(data: DashboardData) -> str:
    rated = [(label, f) for _, label, f in data.schemes if f.completion_rate is not None]
    if not rated:
        return "Завершённых и расформированных пар пока нет: сравнить схемы формирования пар нельзя."
    if not any(f.completed for _, f in rated):
        return (
            "Ни одна пара ещё не завершила работу с результатом (есть только расформированные): сравнивать схемы рано."
        )
    best_label, best = max(rated, key=lambda item: item[1].completion_rate or 0)
    return (
        "Доля завершённых пар считается среди закончивших работу (завершённых и расформированных). "
        f"Лучше всего завершаются пары, сформированные способом «{best_label}»: {share(best.completion_rate)}."
    )


def workshops_text(data: DashboardData) -> str:
    total = data.total
    return (
        "Статистика программы поддержки мастерских роста (приближённо): мастерских (наставнических групп) — "
        f"{total.workshops}; педагогов в наставничестве — {total.involvement.teachers_in}; обучающихся — "
        f"{total.involvement.students_in}; педагогов, прошедших обучение по наставничеству (показатель 2.1), — "
        f"{total.trained_teachers}."
    )


def analysis(rows: Sequence[Row], data: DashboardData) -> dict[str, str]:
    """Hints for «плюсы / минусы / корректировки» from the data; the curator rewrites them in Word."""
    pluses: list[str] = []
    minuses: list[str] = []
    met = [r.indicator.code for r in rows if r.met is True]
    missed = [r.indicator.code for r in rows if r.met is False]
    grew = [r.indicator.code for r in rows if (r.dynamics or 0) > 0]
    fell = [r.indicator.code for r in rows if (r.dynamics or 0) < 0]
    if met:
        pluses.append(f"Цели выполнены по показателям: {', '.join(met)}.")
    if grew:
        pluses.append(f"Рост к началу года по показателям: {', '.join(grew)}.")
    if missed:
        minuses.append(f"Цели не выполнены по показателям: {', '.join(missed)}.")
    if fell:
        minuses.append(f"Снижение к началу года по показателям: {', '.join(fell)}.")
    involvement = data.total.involvement
    if involvement.target_met is True:
        pluses.append(f"Вовлечённость обучающихся — {share(involvement.students_share)}: цель 70 % достигнута.")
    elif involvement.target_met is False:
        minuses.append(f"Вовлечённость обучающихся — {share(involvement.students_share)}: ниже цели 70 %.")
    satisfaction = data.total.quality.satisfaction.value
    if satisfaction is not None:
        (pluses if satisfaction >= 4 else minuses).append(
            f"Удовлетворённость наставляемых — {number(satisfaction)} из 5."
        )
    pairs: SchemeFigures = data.total.pairs
    if pairs.dissolved:
        minuses.append(f"Расформировано пар: {pairs.dissolved} из {pairs.formed}.")
    return {
        "pluses": "\n".join(pluses) or FILL_IN,
        "minuses": "\n".join(minuses) or FILL_IN,
        "corrections": FILL_IN,
    }


def rollup_rows(data: DashboardData) -> list[dict[str, Any]]:
    return [
        {
            "name": row.label,
            "organisations": row.organisations,
            "pairs": row.figures.pairs.formed,
            "completed": row.figures.pairs.completed,
            "students": share(row.figures.involvement.students_share),
            "teachers": share(row.figures.involvement.teachers_share),
            "satisfaction": number(row.figures.quality.satisfaction.value),
        }
        for row in data.rows
    ]


# -- charts -------------------------------------------------------------------------------------


def draw_charts(rows: Sequence[Row], data: DashboardData) -> dict[str, bytes | None]:
    involvement = data.total.involvement
    if data.rows:
        ranked = [r for r in data.rows if r.figures.involvement.students_share is not None][:CHART_ROWS]
        bars = [Bar(r.label, r.figures.involvement.students_share or 0) for r in ranked]
        title = "Вовлечённость обучающихся"
    else:
        bars = [
            Bar(label, value)
            for label, value in (("Обучающиеся", involvement.students_share), ("Педагоги", involvement.teachers_share))
            if value is not None
        ]
        title = "Вовлечённость в наставничество"
    stage2 = [
        Bar(scale.short or scale.name, change.after.value or 0, change.before.value)
        for scale, change, _ in data.scale_changes()
        if change.before.value is not None and change.after.value is not None
    ]
    schemes = [(SCHEME_SHORT.get(code, label), f) for code, label, f in data.schemes]
    return {
        "indicators": charts_png.indicators_chart(
            [Bar(r.indicator.code, r.result.value or 0, r.start.value or 0) for r in rows]
        ),
        "involvement": charts_png.percent_chart(bars, title, target=data.involvement_target),
        "stage2": charts_png.before_after_chart(stage2[:12], "Этап 2: средние значения «до» и «после»"),
        "schemes": charts_png.schemes_chart(
            [Bar(label, f.completion_rate) for label, f in schemes if f.completion_rate is not None],
            [
                Bar(label, f.quality.satisfaction.value)
                for label, f in schemes
                if f.quality.satisfaction.value is not None
            ],
        ),
    }
