"""Invalid input answered in Russian: ninja's 422 keeps its shape, its pydantic messages are translated."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

UNREADABLE_BODY = "Тело запроса не читается: нужен JSON-объект в кодировке UTF-8."
FALLBACK = "Недопустимое значение."

# pydantic's error types → Russian; {…} are filled from the error's ctx.
MESSAGES = {
    "missing": "Обязательное поле.",
    "int_type": "Нужно целое число.",
    "int_parsing": "Нужно целое число.",
    "int_from_float": "Нужно целое число.",
    "float_type": "Нужно число.",
    "float_parsing": "Нужно число.",
    "bool_type": "Нужно true или false.",
    "bool_parsing": "Нужно true или false.",
    "string_type": "Нужна строка.",
    "list_type": "Нужен список.",
    "model_attributes_type": "Нужен JSON-объект.",
    "dict_type": "Нужен JSON-объект.",
    "model_type": "Нужен JSON-объект.",
    "date_type": "Нужна дата в виде ГГГГ-ММ-ДД.",
    "date_parsing": "Нужна дата в виде ГГГГ-ММ-ДД.",
    "date_from_datetime_parsing": "Такой даты не существует или она записана не как ГГГГ-ММ-ДД.",
    "date_from_datetime_inexact": "Нужна дата без времени: ГГГГ-ММ-ДД.",
    "greater_than_equal": "Значение должно быть не меньше {ge}.",
    "greater_than": "Значение должно быть больше {gt}.",
    "less_than_equal": "Значение должно быть не больше {le}.",
    "less_than": "Значение должно быть меньше {lt}.",
    "string_too_long": "Не больше {max_length} символов.",
    "string_too_short": "Не меньше {min_length} символов.",
    "too_long": "Не больше {max_length} элементов.",
    "too_short": "Нужно не меньше {min_length} элементов.",
    "string_pattern_mismatch": "Значение записано не в том виде.",
    "literal_error": "Нет такого варианта.",
    "enum": "Нет такого варианта.",
    "json_invalid": UNREADABLE_BODY,
    "extra_forbidden": "Такого поля нет.",
}


def russian(error: dict[str, Any]) -> str:
    """The Russian message of one pydantic error; a form's own error (value_error) is Russian already."""
    kind = str(error.get("type", ""))
    if kind == "value_error" and "msg" in error:
        return str(error["msg"])
    template = MESSAGES.get(kind)
    if template is None:
        return FALLBACK
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return FALLBACK


def _validation_error(api: NinjaAPI, request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{**error, "msg": russian(error)} for error in exc.errors]
    for error in errors:  # the ctx of pydantic may hold exception objects, which JSON cannot carry
        error.pop("ctx", None)
        error.pop("url", None)
    return api.create_response(request, {"detail": errors}, status=422)


def _http_error(api: NinjaAPI, request: HttpRequest, exc: HttpError) -> HttpResponse:
    text = str(exc)
    if exc.status_code == 400 and text.startswith("Cannot parse request body"):
        text = UNREADABLE_BODY
    return api.create_response(request, {"detail": text}, status=exc.status_code)


def install(api: NinjaAPI) -> None:
    """Replaces ninja's English answers to invalid input with Russian ones."""

    def on_invalid(request: HttpRequest, exc: ValidationError | type[ValidationError]) -> HttpResponse:
        assert isinstance(exc, ValidationError)
        return _validation_error(api, request, exc)

    def on_http_error(request: HttpRequest, exc: HttpError | type[HttpError]) -> HttpResponse:
        assert isinstance(exc, HttpError)
        return _http_error(api, request, exc)

    api.add_exception_handler(ValidationError, on_invalid)
    api.add_exception_handler(HttpError, on_http_error)
