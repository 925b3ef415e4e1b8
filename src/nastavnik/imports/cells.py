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
LATIN_LOOKALIKES = str.maketrans("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху")
# «10А», «10 «А»», «9-й Б», «10-А»: grade, an optional «-й», a separator, an optional quoted letter.
CLASS_PATTERN = re.compile(r"^(\d{1,2})\s*(?:-?\s*Й(?![А-ЯЁ]))?\s*(?:-|–|—|\s)?\s*[\"«“„']?\s*([А-ЯЁ]?)\s*[\"»”“']?$")
# «10А класс», «кл. 9Б»: the word is dropped before the class is read.
CLASS_WORD = re.compile(r"\b(?:КЛАСС[А-ЯЁ]*|КЛ\.?)(?=\s|$|\d)|\bКЛ\.")
COURSE_PATTERN = re.compile(r"^(\d)\s*(?:КУРС)?\s*[-–—]?\s*([А-ЯЁ]?)$")
DMY_PATTERN = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# An Excel day count saved as text (a CSV of a date column formatted as «число»): 10000 = 18.05.1927.
SERIAL_PATTERN = re.compile(r"^\d{5}(?:[.,]0+)?$")
YMD_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
QUOTED_TEXT = ("'=", "'+", "'-", "'@")
PHONE_ALLOWED = re.compile(r"^[\d\s+()\-.]+$")
# «…-45-67 доб. 123», «… ext 12», «… (вн. 21)»: an office extension after the number.
PHONE_EXTENSION = re.compile(r"[\s,;(]*(?:доб|добавочный|вн|внутр|ext|x)\.?\s*(\d{1,6})\)?\s*$", re.IGNORECASE)
# The rule shown in the import help: whole years, rounded down; a bound counts as the bound itself.
EXPERIENCE_RULE = (
    "Стаж — в полных годах, дробная часть отбрасывается: «3 г. 6 мес.» и «10,5» — это 3 и 10 лет; "
    "«более 30» и «свыше 25 лет» — 30 и 25; «молодой специалист», «менее года» и «6 мес.» — 0."
)
EXPERIENCE_PATTERN = re.compile(
    r"^(?:(?:более|больше|свыше|от|около|примерно|св)\.?\s*)?(?P<years>\d{1,3}(?:[.,]\d+)?)\s*"
    r"(?:(?:лет|год|года|годов|г|л)\.?)?\s*(?:(?:и\s*)?\d{1,2}\s*(?:мес|месяц|месяца|месяцев|м)\.?)?"
    r"\s*(?:(?:и\s*)?\d{1,2}\s*(?:дн|дней|день|дня|д)\.?)?$"
)
ONLY_MONTHS = re.compile(r"^(?:менее|меньше)?\s*\d{0,2}\s*(?:мес|месяц|месяца|месяцев)\.?$")
ZERO_EXPERIENCE = {
    "молодой специалист",
    "менее года",
    "меньше года",
    "менее 1 года",
    "меньше 1 года",
    "нет",
    "без стажа",
    "нет стажа",
}
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
    """ДД.ММ.ГГГГ, Д.М.ГГГГ, ДД.ММ.ГГ, ГГГГ-ММ-ДД, an Excel date or day count; not in the future, not a century ago."""
    day = _as_date(value, today)
    if day is None:
        return None
    if day > today:
        raise CellError(f"дата «{cell_text(value)}» в будущем")
    if day.year < today.year - MAX_AGE_YEARS:
        raise CellError(f"проверьте год: «{cell_text(value)}»")
    return day


def _as_date(value: Any, today: datetime.date) -> datetime.date | None:
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
    if SERIAL_PATTERN.match(text):
        return _excel_serial(int(text.replace(",", ".").split(".")[0]))
    return _text_date(text, today)


def _text_date(text: str, today: datetime.date) -> datetime.date:
    match = DMY_PATTERN.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (match := YMD_PATTERN.match(text)):
        parts = (match.group(1), match.group(2), match.group(3))
    if parts is None:
        raise CellError(f"дата «{text}» не распознана: укажите ДД.ММ.ГГГГ, например 05.09.2012")
    year = int(parts[0])
    if len(parts[0]) == 2:
        # «05.09.12»: the century that does not put the date in the future.
        year += 2000 if 2000 + year <= today.year else 1900
    try:
        return datetime.date(year, int(parts[1]), int(parts[2]))
    except ValueError:
        raise CellError(f"«{text}»: такой даты не существует") from None


def _excel_serial(value: float) -> datetime.date:
    # A date column formatted as «число» keeps Excel's day count (45000 = 15.03.2023).
    if not 1 <= value <= 2958465:
        raise CellError(f"дата «{cell_text(value)}» не распознана: укажите ДД.ММ.ГГГГ, например 05.09.2012")
    result = from_excel(value)
    return result.date() if isinstance(result, datetime.datetime) else result


def class_text(value: Any) -> str:
    """The class cell in upper case, Latin look-alikes made Cyrillic, the word «класс» dropped."""
    text = cell_text(value).upper().translate(LATIN_LOOKALIKES).upper()
    return " ".join(CLASS_WORD.sub(" ", text).split())


def parse_school_class(value: Any, *, letter_required: bool) -> tuple[int | None, str]:
    """«7А», «10 Б», «11-В», «7 "А"», «10А класс», «9-й Б» → (grade, letter); grades 1–11 only."""
    text = class_text(value)
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
    text = class_text(value)
    if not text:
        return None, ""
    match = COURSE_PATTERN.match(text)
    if not match or not 1 <= int(match.group(1)) <= 6:
        raise CellError(f"курс «{cell_text(value)}» не распознан: укажите номер курса от 1 до 6, например «2»")
    return int(match.group(1)), match.group(2)


def parse_experience(value: Any) -> int | None:
    """Whole years of teaching, 0–80, by the rule in `EXPERIENCE_RULE`."""
    text = cell_text(value)
    if not text:
        return None
    key = normalise(text).replace("ё", "е").strip(" .")
    if key in ZERO_EXPERIENCE or ONLY_MONTHS.match(key):
        return 0
    match = EXPERIENCE_PATTERN.match(key)
    if match is None:
        if key.lstrip("+-").replace(",", "").replace(".", "").isdigit() and key.startswith("-"):
            raise CellError(f"стаж не может быть отрицательным: «{text}»")
        raise CellError(f"стаж «{text}» не распознан: укажите число лет, например 12 или «5 лет»")
    years = float(match.group("years").replace(",", "."))
    if years > 80:
        raise CellError(f"проверьте стаж: «{text}» лет")
    return int(years)


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
    """A Russian number as «+7 (XXX) XXX-XX-XX»; a foreign one as typed; an extension is dropped."""
    return normalise_phone(value)[0]


def normalise_phone(value: Any) -> tuple[str, str]:
    """(the number to store, the extension that was dropped or "")."""
    text = cell_text(value)
    if not text:
        return "", ""
    number, extension = text, ""
    if match := PHONE_EXTENSION.search(text):
        number, extension = text[: match.start()].strip(" ,;"), match.group(1)
    digits = "".join(char for char in number if char.isdigit())
    if not PHONE_ALLOWED.match(number) or not 5 <= len(digits) <= 15 or len(number) > 32:
        raise CellError(f"телефон «{text}» не распознан: укажите номер цифрами, например +7 900 123-45-67")
    if len(digits) == 11 and (digits[0] == "7" or (digits[0] == "8" and not number.startswith("+"))):
        digits = digits[1:]
    if len(digits) == 10 and digits[0] != "0":
        return f"+7 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}", extension
    return number, extension


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


# -- qualification category -------------------------------------------------------------------------

HIGHEST, FIRST, METHODIST, MENTOR = "высшая", "первая", "педагог-методист", "педагог-наставник"
FITS_POSITION, NO_CATEGORY = "соответствие занимаемой должности", "без категории"
# The official list (педагог-методист and педагог-наставник since 2023), in the order of the help text.
CATEGORIES = (HIGHEST, FIRST, METHODIST, MENTOR, FITS_POSITION, NO_CATEGORY)
# Spellings seen in HR files, compared after `category_key` (no case, ё, punctuation or «категория»).
CATEGORY_SPELLINGS = {
    HIGHEST: ("высшая", "высш", "в", "вкк", "высшая кв", "высшая квалификационная", "высш кв"),
    FIRST: ("первая", "перв", "1", "i", "1 кат", "1кк", "пкк", "первая кв", "первая квалификационная", "1 кв"),
    METHODIST: ("педагог методист", "методист", "пед методист"),
    MENTOR: ("педагог наставник", "наставник", "пед наставник"),
    FITS_POSITION: (
        "соответствие занимаемой должности",
        "соответствие должности",
        "соответствие",
        "соотв",
        "сзд",
        "сз",
        "соответствует занимаемой должности",
        "на соответствие",
    ),
    NO_CATEGORY: ("без категории", "б к", "бк", "нет", "не имеет", "без кат", "отсутствует", "-", "—"),
}
CATEGORY_NOISE = re.compile(r"\b(?:квалификационная|квалификац|категория|категории|кат|кв)\b")


def category_key(text: str) -> str:
    """«1 кат.» → "1", «Высшая кв. категория» → "высшая", «б/к» → "б к"."""
    key = normalise(text)
    if key in ("-", "—", "–"):
        return "-"
    key = " ".join(re.sub(r"[^\w]+", " ", key).split())
    stripped = " ".join(CATEGORY_NOISE.sub(" ", key).split())
    return stripped or key


_CATEGORY_LOOKUP = {
    category_key(spelling): name for name, spellings in CATEGORY_SPELLINGS.items() for spelling in spellings
}
_CATEGORY_LOOKUP.update({"1 кат": FIRST, "1кк": FIRST, "вкк": HIGHEST})


def normalise_category(value: Any) -> tuple[str, bool]:
    """(the category to store, whether it is on the official list); an unknown value is kept as typed."""
    text = cell_text(value)
    if not text:
        return "", True
    found = _CATEGORY_LOOKUP.get(category_key(text))
    return (found, True) if found else (text, False)


def parse_category(value: Any) -> str:
    """The official name of a qualification category, or the value as typed (see `normalise_category`)."""
    text = cell_text(value)
    if len(text) > 100:
        raise CellError("слишком длинное значение: больше 100 символов")
    return normalise_category(text)[0]
