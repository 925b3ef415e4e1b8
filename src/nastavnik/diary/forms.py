"""Forms of the meeting log, the mentee's rating and the individual plan."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.common.dates import DateField
from nastavnik.common.uploads import accept_attribute, allowed_extensions, human_size, max_bytes, validate_upload
from nastavnik.diary import log as diary
from nastavnik.diary.models import IndividualPlan, PairMeeting, PlanTask, TaskStatus
from nastavnik.pairs.models import MeetingKind, Pair

# More files than this in one entry is a mistake rather than a record of a meeting.
MAX_FILES_PER_SAVE = 10
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the shared upload validator."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept_attribute()}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES_PER_SAVE:
            raise ValidationError(f"Не больше {MAX_FILES_PER_SAVE} файлов за один раз.")
        errors: list[ValidationError] = []
        for upload in files:
            try:
                validate_upload(upload)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return files


class MeetingForm(forms.ModelForm):
    duration_minutes = forms.IntegerField(
        label="Длительность, минут",
        min_value=diary.MIN_MINUTES,
        max_value=diary.MAX_MINUTES,
        initial=45,
        error_messages={
            "required": "Укажите длительность встречи в минутах.",
            "invalid": "Длительность — целое число минут.",
            "min_value": f"Встреча длится не меньше {diary.MIN_MINUTES} минут.",
            "max_value": f"Встреча длится не больше {diary.MAX_MINUTES} минут (10 часов).",
        },
    )
    attachments = MultipleFileField(
        label="Вложения (фото, материалы, презентации)",
        required=False,
        help_text="",
    )

    class Meta:
        model = PairMeeting
        fields = ["held_on", "kind", "topic", "duration_minutes", "format", "notes"]
        widgets = {
            "held_on": DATE_WIDGET,
            "kind": forms.Select,
            "format": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"held_on": DateField}
        labels = {"held_on": "Дата встречи", "topic": "Тема встречи", "notes": "Заметки"}
        help_texts = {
            "notes": "Что обсудили, что договорились сделать к следующей встрече. "
            "Заметки видят наставляемый и куратор программы."
        }
        error_messages = {
            "held_on": {"required": "Укажите дату встречи.", "invalid": "Введите дату в формате ДД.ММ.ГГГГ."},
            "topic": {"required": "Укажите тему встречи."},
        }

    def __init__(self, *args: Any, pair: Pair, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pair = pair
        cast(forms.DateField, self.fields["held_on"]).input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        if not self.instance.pk:
            self.fields["held_on"].initial = timezone.localdate()
            self.fields["kind"].initial = self._suggested_kind()
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        start = diary.confirmed_on(pair)
        if start is not None:
            self.fields["held_on"].widget.attrs["min"] = start.isoformat()
        allowed = ", ".join(allowed_extensions())
        self.fields[
            "attachments"
        ].help_text = f"Можно выбрать несколько файлов. До {human_size(max_bytes())} каждый; типы: {allowed}."

    def _suggested_kind(self) -> str:
        """The next type of 003 for this pair: знакомство → пробная → планирование → серия."""
        done = set(self.pair.meetings.values_list("kind", flat=True))
        for kind in (MeetingKind.INTRO, MeetingKind.TRIAL, MeetingKind.PLANNING):
            if kind not in done:
                return kind
        return MeetingKind.REGULAR

    def clean_held_on(self) -> datetime.date:
        held_on: datetime.date = self.cleaned_data["held_on"]
        error = diary.date_error(self.pair, held_on)
        if error:
            raise ValidationError(error)
        return held_on

    def clean_kind(self) -> str:
        kind: str = self.cleaned_data["kind"]
        if kind == MeetingKind.FINAL and diary.final_meeting_exists(self.pair, exclude=self.instance):
            raise ValidationError("Итоговая встреча у этой пары уже записана — выберите другой тип.")
        return kind

    def clean_topic(self) -> str:
        topic = str(self.cleaned_data["topic"]).strip()
        if not topic:
            raise ValidationError("Укажите тему встречи.")
        return topic

    def meeting_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in diary.MEETING_FIELDS}


SCORE_CHOICES = [(5, "5 — отлично"), (4, "4 — хорошо"), (3, "3 — нормально"), (2, "2 — плохо"), (1, "1 — очень плохо")]


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label="Как прошла встреча?",
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Выберите оценку от 1 до 5.",
            "invalid_choice": "Оценка — число от 1 до 5.",
        },
    )
    comment = forms.CharField(
        label="Комментарий (необязательно)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Что было полезно, что хотелось бы изменить"}),
        error_messages={"max_length": "Комментарий не длиннее 2000 символов."},
    )


class PlanForm(forms.ModelForm):
    class Meta:
        model = IndividualPlan
        fields = ["goals", "results"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 5}), "results": forms.Textarea(attrs={"rows": 4})}
        labels = {"goals": "Цели (из запроса наставляемого)", "results": "Результаты"}


class TaskForm(forms.ModelForm):
    class Meta:
        model = PlanTask
        fields = ["title", "due_on", "status", "result"]
        field_classes = {"due_on": DateField}
        widgets = {"due_on": DATE_WIDGET, "result": forms.Textarea(attrs={"rows": 2})}
        labels = {"title": "Задача", "due_on": "Срок", "result": "Результат"}
        error_messages = {
            "title": {"required": "Опишите задачу."},
            "due_on": {"invalid": "Срок в формате ДД.ММ.ГГГГ."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.DateField, self.fields["due_on"]).input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def clean_title(self) -> str:
        title = str(self.cleaned_data["title"]).strip()
        if not title:
            raise ValidationError("Опишите задачу.")
        return title

    def clean_due_on(self) -> datetime.date | None:
        due_on: datetime.date | None = self.cleaned_data.get("due_on")
        today = timezone.localdate()
        if due_on is not None and not _years_ahead(today, -2) <= due_on <= _years_ahead(today, 3):
            raise ValidationError("Срок выглядит ошибочным: укажите дату в пределах учебного периода пары.")
        return due_on


def _years_ahead(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=TaskStatus.choices,
        error_messages={"required": "Выберите статус задачи.", "invalid_choice": "Неизвестный статус задачи."},
    )

    def __init__(self, *args: Any, allowed: tuple[str, ...] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            cast(forms.ChoiceField, self.fields["status"]).choices = [
                (v, label) for v, label in TaskStatus.choices if v in allowed
            ]
