"""One spreadsheet cell → one clean value, or a `CellError` with a Russian explanation.

Cells arrive as openpyxl gives them (str, int, float, datetime) or as CSV text; every parser
accepts both, so a file saved by Excel, LibreOffice or a school information system reads the same.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from openpyxl.utils.datetime import from_excel

# Nobody in a school register is older than this; older years are typos (1907 for 2007).
MAX_AGE_YEARS = 100
# Latin letters that look like Cyrillic ones: «7A» typed with the English layout is still «7А».
LATIN_LOOKALIKES = str.maketrans("ABCEHKMOPTXaceopx", "АВСЕНКМОРТХасеорх")
CLASS_PATTERN = re.compile(r"^(\d{1,2})\s*(?:-|–|—|\s)?\s*[\"«“']?\s*([А-ЯЁ]?)\s*[\"»”']?$")
COURSE_PATTERN = re.compile(r"^(\d)\s*(?:КУРС)?\s*[-–—]?\s*([А-ЯЁ]?)$")
DMY_PATTERN = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
YMD_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
QUOTED_TEXT = ("'=", "'+", "'-", "'@")
PHONE_ALLOWED = re.compile(r"^[\d\s+()\-.]+$")
YES = {"да", "есть", "+", "1", "yes", "y", "true", "получено", "имеется"}
NO = {"нет", "-", "0", "no", "n", "false", "не получено", "отсутствует"}
PARENT_WORDS = {"родитель", "родители", "мать", "отец", "законный представитель", "представитель", "опекун"}
SELF_WORDS = {"сам", "сама", "сам человек", "лично", "обучающийся", "сотрудник", "педагог"}


class CellError(ValueError):
    """A value that cannot be stored; `str(error)` is the Russian explanation for the user."""


def normalise(value: str) -> str:
    """Lower case, «ё» as «е», single spaces: how names and headers are compared."""
    return " ".join(value.replace("ё", "е").replace("Ё", "Е").lower().split())


def cell_text(value: Any) -> str:
    """The cell as the user sees it: numbers without «.0», dates as ДД.ММ.ГГГГ."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    text = " ".join(str(value).split())
    # The product's XLSX writer (and Excel users) keep formula-like text as text with a leading «'».
    return text[1:] if text.startswith(QUOTED_TEXT) else text


def limited(value: Any, max_length: int) -> str:
    text = cell_text(value)
    if len(text) > max_length:
        raise CellError(f"слишком длинное значение: больше {max_length} символов")
    return text


def parse_date(value: Any, today: datetime.date) -> datetime.date | None:
    """ДД.ММ.ГГГГ, ГГГГ-ММ-ДД or a real Excel date; not in the future, not a century ago."""
    day = _as_date(value)
    if day is None:
        return None
    if day > today:
        raise CellError(f"дата «{cell_text(value)}» в будущем")
    if day.year < today.year - MAX_AGE_YEARS:
        raise CellError(f"проверьте год: «{cell_text(value)}»")
    return day


def _as_date(value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(value)
    text = cell_text(value)
    if not text:
        return None
    match = DMY_PATTERN.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (match := YMD_PATTERN.match(text)):
        parts = (match.group(1), match.group(2), match.group(3))
    if parts is None:
        raise CellError(f"дата «{text}» не распознана: укажите ДД.ММ.ГГГГ, например 05.09.2012")
    try:
        return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise CellError(f"даты «{text}» не существует") from None


def _excel_serial(value: float) -> datetime.date:
    # A date column formatted as «число» keeps Excel's day count (45000 = 15.03.2023).
    if not 1 <= value <= 2958465:
        raise CellError(f"дата «{cell_text(value)}» не распознана: укажите ДД.ММ.ГГГГ, например 05.09.2012")
    result = from_excel(value)
    return result.date() if isinstance(result, datetime.datetime) else result  # type: ignore[return-value]


def parse_school_class(value: Any, *, letter_required: bool) -> tuple[int | None, str]:
    """«7А», «10 Б», «11-В», «7 "А"» → (7, "А"); grades 1–11 only."""
    text = cell_text(value).upper().translate(LATIN_LOOKALIKES).upper()
    if not text:
        return None, ""
    match = CLASS_PATTERN.match(text)
    grade = int(match.group(1)) if match else 0
    letter = match.group(2) if match else ""
    if not match or not 1 <= grade <= 11 or (letter_required and not letter):
        example = "например «7А» или «10 Б»" if letter_required else "например «7» или «7А»"
        raise CellError(f"класс «{cell_text(value)}» не распознан: укажите параллель от 1 до 11 и букву, {example}")
    return grade, letter


def parse_course(value: Any) -> tuple[int | None, str]:
    """A college course: «2», «2 курс», «3Б» → (2, ""), (2, ""), (3, "Б"); courses 1–6."""
    text = cell_text(value).upper().translate(LATIN_LOOKALIKES).upper()
    if not text:
        return None, ""
    match = COURSE_PATTERN.match(text)
    if not match or not 1 <= int(match.group(1)) <= 6:
        raise CellError(f"курс «{cell_text(value)}» не распознан: укажите номер курса от 1 до 6, например «2»")
    return int(match.group(1)), match.group(2)


def parse_experience(value: Any) -> int | None:
    """Whole years of teaching, 0–80."""
    text = cell_text(value)
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise CellError(f"стаж «{text}» — не число: укажите целое число лет, например 12") from None
    if number < 0:
        raise CellError(f"стаж не может быть отрицательным: «{text}»")
    if not number.is_integer():
        raise CellError(f"стаж «{text}»: укажите целое число лет")
    if number > 80:
        raise CellError(f"проверьте стаж: «{text}» лет")
    return int(number)


def parse_email(value: Any) -> str:
    text = cell_text(value)
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(f"«{text}» не похоже на адрес электронной почты") from None
    if len(text) > 254:
        raise CellError("слишком длинный адрес электронной почты")
    return text


def parse_phone(value: Any) -> str:
    text = cell_text(value)
    if not text:
        return ""
    digits = sum(char.isdigit() for char in text)
    if not PHONE_ALLOWED.match(text) or not 5 <= digits <= 15 or len(text) > 32:
        raise CellError(f"телефон «{text}» не распознан: укажите номер цифрами, например +7 900 123-45-67")
    return text


def parse_yes_no(value: Any) -> bool | None:
    text = normalise(cell_text(value))
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(f"значение «{cell_text(value)}» не распознано: укажите «да» или «нет»")


def parse_consent_giver(value: Any) -> str | None:
    """«родитель» → "parent", «сам» → "self" (the values of people.ConsentGiver)."""
    text = normalise(cell_text(value)).replace("/", " ").strip()
    if not text:
        return None
    if text in PARENT_WORDS or text.startswith(("родител", "законн")):
        return "parent"
    if text in SELF_WORDS:
        return "self"
    raise CellError(f"значение «{cell_text(value)}» не распознано: укажите «родитель» или «сам»")
