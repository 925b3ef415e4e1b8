"""The indicator list of source 002 Appendix 2, loaded from indicators.yaml and checked at import.

A broken definition file stops the start with an error naming the indicator, instead of a page
that silently shows a wrong table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFINITIONS_FILE = Path(__file__).with_name("indicators.yaml")

COMPUTED = "computed"
MANUAL = "manual"
METHODS = frozenset({COMPUTED, MANUAL})

# Calculations implemented in monitoring/compute.py (one name per computed indicator).
RULES = frozenset(
    {
        "requests_students",
        "requests_teachers",
        "trained_teachers",
        "mentors_teacher",
        "mentors_graduate",
        "mentors_enterprise",
        "mentors_entrepreneur",
        "mentors_ngo",
        "outcome_personnel_reserve",
        "outcome_project_lead",
        "outcome_skills_competition",
        "status_change_teachers",
        "outcome_grades_improved",
        "outcome_olympiad",
        "status_change_students",
        "team_participants",
        "team_activities",
        "outcome_team_mentor",
        "events_staff_attended",
        "events_partner_participants",
        "events_held",
        "events_held_participants",
        "practices_reviewed",
    }
)

_CODE = re.compile(r"^[1-9]\.(?:[1-9]|1[0-9])$")


class DefinitionError(ValueError):
    """indicators.yaml does not describe a valid indicator list."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    method: str
    rule: str
    how: str
    group: str
    subtitle: str

    @property
    def is_manual(self) -> bool:
        return self.method == MANUAL


@dataclass(frozen=True)
class Section:
    subtitle: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Group:
    code: str
    title: str
    sections: tuple[Section, ...]

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for s in self.sections for i in s.indicators)


@dataclass(frozen=True)
class Definitions:
    title: str
    start_column: str
    result_column: str
    groups: tuple[Group, ...]

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for g in self.groups for i in g.indicators)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    def get(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DefinitionError(f"{where}: нет поля «{key}» (непустой текст)")
    return value.strip()


def _indicator(data: Any, group: str, subtitle: str, seen: set[str]) -> Indicator:
    if not isinstance(data, dict):
        raise DefinitionError(f"группа {group}: показатель описан не словарём")
    code = data.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise DefinitionError(f"группа {group}: неверный код показателя {code!r} (ожидается вида «1.1»)")
    where = f"показатель {code}"
    if not code.startswith(f"{group}."):
        raise DefinitionError(f"{where}: код не относится к группе {group}")
    if code in seen:
        raise DefinitionError(f"{where}: код повторяется")
    seen.add(code)
    method = data.get("method")
    if method not in METHODS:
        raise DefinitionError(f"{where}: method должен быть computed или manual, а не {method!r}")
    rule = data.get("rule") or ""
    if method == COMPUTED and rule not in RULES:
        raise DefinitionError(f"{where}: неизвестное правило расчёта {rule!r}")
    if method == MANUAL and rule:
        raise DefinitionError(f"{where}: у показателя, вводимого вручную, не бывает правила расчёта")
    return Indicator(
        code=code,
        name=_text(data, "name", where),
        method=method,
        rule=rule,
        how=_text(data, "how", where),
        group=group,
        subtitle=subtitle,
    )


def _claim_rules(indicators: tuple[Indicator, ...], rules_used: dict[str, str]) -> None:
    """Record which indicator computes each rule; a rule serves one indicator only."""
    for indicator in indicators:
        if indicator.rule and indicator.rule in rules_used:
            raise DefinitionError(
                f"показатель {indicator.code}: правило {indicator.rule} уже занято "
                f"показателем {rules_used[indicator.rule]}"
            )
        if indicator.rule:
            rules_used[indicator.rule] = indicator.code


def _section(data: Any, group: str, seen: set[str], rules_used: dict[str, str]) -> Section:
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise DefinitionError(f"группа {group}: раздел без списка indicators")
    subtitle = str(data.get("subtitle") or "").strip()
    indicators = tuple(_indicator(item, group, subtitle, seen) for item in data["indicators"])
    if not indicators:
        raise DefinitionError(f"группа {group}: пустой раздел «{subtitle}»")
    _claim_rules(indicators, rules_used)
    return Section(subtitle, indicators)


def _group(data: Any, position: int, seen: set[str], rules_used: dict[str, str]) -> Group:
    if not isinstance(data, dict):
        raise DefinitionError(f"группа № {position} описана не словарём")
    code = str(data.get("code", ""))
    if code != str(position):
        raise DefinitionError(f"группа № {position}: код должен быть «{position}», а не {code!r}")
    title = _text(data, "title", f"группа {code}")
    sections_data = data.get("sections")
    if not isinstance(sections_data, list) or not sections_data:
        raise DefinitionError(f"группа {code}: нет показателей")
    sections = tuple(_section(section_data, code, seen, rules_used) for section_data in sections_data)
    numbers = [int(i.code.split(".")[1]) for s in sections for i in s.indicators]
    if numbers != list(range(1, len(numbers) + 1)):
        raise DefinitionError(f"группа {code}: показатели должны идти по порядку без пропусков")
    return Group(code, title, sections)


def parse(data: Any) -> Definitions:
    """Validate the loaded YAML; raises DefinitionError naming the broken group or indicator."""
    if not isinstance(data, dict):
        raise DefinitionError("файл показателей должен быть словарём")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise DefinitionError("columns: ожидается словарь")
    groups_data = data.get("groups")
    if not isinstance(groups_data, list) or not groups_data:
        raise DefinitionError("нет ни одной группы показателей")
    seen: set[str] = set()
    rules_used: dict[str, str] = {}
    groups = tuple(
        _group(group_data, position, seen, rules_used) for position, group_data in enumerate(groups_data, start=1)
    )
    return Definitions(
        title=_text(data, "title", "перечень"),
        start_column=_text(columns, "start", "columns"),
        result_column=_text(columns, "result", "columns"),
        groups=groups,
    )


def load(path: Path = DEFINITIONS_FILE) -> Definitions:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DefinitionError(f"{path.name}: ошибка YAML: {error}") from error
    return parse(data)


DEFINITIONS = load()
INDICATORS: tuple[Indicator, ...] = DEFINITIONS.indicators
CODES: tuple[str, ...] = DEFINITIONS.codes
BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
CODE_CHOICES: list[tuple[str, str]] = [(i.code, f"{i.code} {i.name}") for i in INDICATORS]
