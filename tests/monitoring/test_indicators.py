"""indicators.yaml: the verbatim list of source 002 Appendix 2, checked at import."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from nastavnik.monitoring.indicators import (
    CODES,
    DEFINITIONS,
    DEFINITIONS_FILE,
    RULES,
    DefinitionError,
    load,
    parse,
)


def raw() -> dict[str, Any]:
    return yaml.safe_load(DEFINITIONS_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_four_groups_and_twenty_three_indicators_in_order() -> None:
    assert [g.code for g in DEFINITIONS.groups] == ["1", "2", "3", "4"]
    assert (
        *("1.1", "1.2"),
        *("2.1", "2.2", "2.3", "2.4", "2.5", "2.6"),
        *("3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10"),
        *("4.1", "4.2", "4.3", "4.4", "4.5"),
    ) == CODES
    assert {i.rule for i in DEFINITIONS.indicators} == RULES


def test_titles_and_names_are_verbatim() -> None:
    groups = {g.code: g for g in DEFINITIONS.groups}
    assert groups["1"].title == (
        "Наличие мотивированных запросов от представителей образовательной организации на работу наставников"
    )
    assert groups["3"].title == "Результативность взаимодействия наставнических пар"
    assert [s.subtitle for s in groups["3"].sections] == [
        "по модели «учитель-учитель»:",
        "по моделям «учитель-учитель», «ученик-ученик», «студент-ученик», "
        "«работодатель-ученик», «работодатель-студент»:",
        "по модели «команда-команда»:",
    ]
    names = {i.code: i.name for i in DEFINITIONS.indicators}
    assert names["2.5"] == "Количество наставников – успешных предпринимателей/ общественных деятелей"
    assert names["3.2"].startswith("Количество педагогов, подготовленные в результате осуществления наставничества")
    assert names["3.10"].endswith("консультационного центра или стажировочной площадки РИП-ИнКО")
    assert "по вопросах наставничества" in names["4.2"]
    assert DEFINITIONS.start_column == "на дату начала действия программы"


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw())
    change(data)
    return data


def _first(data: dict[str, Any], group: int = 0, section: int = 0, position: int = 0) -> dict[str, Any]:
    return data["groups"][group]["sections"][section]["indicators"][position]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _first(d).update(rule="guess"), "показатель 1.1: неизвестное правило расчёта 'guess'"),
        (lambda d: _first(d).update(method="auto"), "показатель 1.1: method должен быть computed или manual"),
        (lambda d: _first(d).pop("name"), "показатель 1.1: нет поля «name»"),
        (lambda d: _first(d, position=1).update(code="1.1"), "показатель 1.1: код повторяется"),
        (lambda d: _first(d, group=1).update(code="1.9"), "показатель 1.9: код не относится к группе 2"),
        (lambda d: _first(d, group=1).update(code="x"), "группа 2: неверный код показателя 'x'"),
        (lambda d: _first(d, position=1).update(rule="requests_students"), "правило requests_students уже занято"),
        (lambda d: d["groups"][0]["sections"][0]["indicators"].pop(0), "группа 1: показатели должны идти по порядку"),
        (lambda d: _first(d).update(method="manual"), "показатель 1.1: у показателя, вводимого вручную"),
        (lambda d: d["groups"].pop(0), "группа № 1: код должен быть «1»"),
        (lambda d: d["groups"][3].pop("title"), "группа 4: нет поля «title»"),
    ],
)
def test_a_broken_definition_is_refused_with_the_code_named(change: Any, message: str) -> None:
    with pytest.raises(DefinitionError, match=re.escape(message)):
        parse(_broken(change))


def test_a_manual_indicator_is_accepted_without_a_rule() -> None:
    data = _broken(lambda d: _first(d, group=3, position=4).update(method="manual", rule=""))
    assert parse(data).get("4.5").is_manual  # type: ignore[union-attr]


def test_a_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "indicators.yaml"
    path.write_text("groups: [\n  - code: 1: 2", encoding="utf-8")
    with pytest.raises(DefinitionError, match=re.escape("indicators.yaml: ошибка YAML")):
        load(path)
