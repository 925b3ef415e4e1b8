"""Forms of the import of answers from Yandex Forms / Google Forms: the file, then the column mapping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings

from nastavnik.engines.instruments.schema import Question
from nastavnik.imports.columns import ImportFileError
from nastavnik.imports.parsing import check_name_and_size, human_size
from nastavnik.surveys import importing
from nastavnik.surveys.models import AnswerImport

NOT_MAPPED = ""
# For a consent question the form did not ask.
ASSUME_YES = "yes"


class AnswerFileForm(forms.Form):
    file = forms.FileField(
        label="Файл с ответами (.xlsx или .csv)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": "Выберите файл.", "empty": "Файл пустой: в нём нет ни одной заполненной строки."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"Выгрузка ответов формы: в Google Формах — «Ответы → Скачать ответы (.csv)», "
            f"в Яндекс Формах — «Ответы → Скачать (.xlsx)». Не больше {human_size(settings.IMPORT_MAX_BYTES)}."
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_name_and_size(upload.name, upload.size)
            self.table = importing.read_table(upload.name, upload, upload.size)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


@dataclass
class MappingRow:
    """One question of the instrument on the mapping page: its select, or why it has none."""

    question: Question
    type_name: str
    field: forms.BoundField | None


class MappingForm(forms.Form):
    """A select of the file's columns for each question, plus the respondent and the time of the answer."""

    def __init__(self, *args: Any, batch: AnswerImport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.batch = batch
        campaign = batch.campaign
        self.questions = importing.questions(campaign)
        initial = (
            importing.Mapping.from_json(batch.mapping) if batch.mapping else importing.suggest(campaign, batch.columns)
        )
        columns = [(str(i), importing.column_label(i, title)) for i, title in enumerate(batch.columns)]
        skip = [(NOT_MAPPED, "— не загружать —")]
        for question in self.questions:
            if question.type not in importing.MAPPABLE_TYPES:
                continue
            choices = [*skip, *columns]
            selected: str = str(initial.questions.get(question.id, NOT_MAPPED))
            if question.type == "consent":
                choices.insert(1, (ASSUME_YES, "в форме не было — все ответившие согласились"))
                if question.id in initial.consent:
                    selected = ASSUME_YES
            self.fields[f"q_{question.id}"] = forms.ChoiceField(
                label=question.text, choices=choices, required=False, initial=selected
            )
        if not campaign.anonymous:
            self.fields["respondent"] = forms.ChoiceField(
                label="Участник: ФИО или e-mail",
                choices=[(NOT_MAPPED, "— нет: ответы не связываются с участниками —"), *columns],
                required=False,
                initial=_initial(initial.respondent),
                help_text="Ищем среди приглашённых в этот опрос; найденные отмечаются как ответившие.",
            )
            self.fields["klass"] = forms.ChoiceField(
                label="Класс",
                choices=[(NOT_MAPPED, "— нет —"), *columns],
                required=False,
                initial=_initial(initial.klass),
                help_text="Различает приглашённых с одинаковыми ФИО («7А», «7 а», «7-А» — одно и то же).",
            )
        self.fields["time"] = forms.ChoiceField(
            label="Время ответа",
            choices=[(NOT_MAPPED, "— нет: временем ответа будет время загрузки —"), *columns],
            required=False,
            initial=_initial(initial.time),
            help_text="«Отметка времени» в Google Формах, «Время создания» в Яндекс Формах.",
        )

    def rows(self) -> list[MappingRow]:
        return [
            MappingRow(
                question=q,
                type_name=importing.TYPE_NAMES.get(q.type, q.type),
                field=self[f"q_{q.id}"] if f"q_{q.id}" in self.fields else None,
            )
            for q in self.questions
        ]

    def special_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("respondent", "klass", "time") if name in self.fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        used: dict[str, str] = {}
        for name, value in list(data.items()):
            if value in (NOT_MAPPED, ASSUME_YES, None):
                continue
            if value in used:
                title = self.batch.columns[int(value)] or "без заголовка"
                self.add_error(name, f"Столбец «{importing.short(title)}» уже выбран для «{used[value]}».")
            else:
                used[value] = importing.short(str(self.fields[name].label))
        for question in self.questions:
            name = f"q_{question.id}"
            if name in self.fields and question.required and question.show_if is None and not data.get(name):
                hint = " или «в форме не было»" if question.type == "consent" else ""
                self.add_error(name, f"Это обязательный вопрос анкеты: выберите столбец с ответами на него{hint}.")
        return data

    def mapping(self) -> importing.Mapping:
        data = self.cleaned_data
        mapping = importing.Mapping(
            respondent=_column(data.get("respondent")), time=_column(data.get("time")), klass=_column(data.get("klass"))
        )
        for question in self.questions:
            value = data.get(f"q_{question.id}")
            if value == ASSUME_YES and question.type == "consent":
                mapping.consent.append(question.id)
            elif (column := _column(value)) is not None:
                mapping.questions[question.id] = column
        return mapping


def _initial(column: int | None) -> str:
    return NOT_MAPPED if column is None else str(column)


def _column(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
