"""Forms of the monitoring pages; every error is a Russian message on its field."""

from __future__ import annotations

from typing import Any

from django import forms

from nastavnik.common.dates import DateField
from nastavnik.monitoring.indicators import INDICATORS
from nastavnik.monitoring.models import MAX_COUNT, Event, EventKind, SnapshotKind, TargetKind
from nastavnik.orgs.models import AcademicYear

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
DATE_ERRORS = {"invalid": "Введите дату в виде ДД.ММ.ГГГГ.", "required": "Укажите дату."}
COUNT_ERRORS = {
    "invalid": "Введите целое число.",
    "min_value": "Число не может быть отрицательным.",
    "max_value": f"Не больше {MAX_COUNT:,}.".replace(",", " "),
}


def count_field(label: str, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=required, min_value=0, max_value=MAX_COUNT, error_messages=dict(COUNT_ERRORS)
    )


class ManualValueForm(forms.Form):
    value = count_field("Значение")
    on_date = DateField(label="На дату", widget=DATE_WIDGET, input_formats=DATE_FORMATS, error_messages=DATE_ERRORS)
    comment = forms.CharField(
        label="Комментарий: откуда значение",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": "Укажите, откуда взято значение."},
    )
    clear = forms.BooleanField(label="Вернуть расчётное значение", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("clear") and data.get("value") is None and "value" not in self.errors:
            self.add_error("value", "Введите значение или отметьте «Вернуть расчётное значение».")
        if data.get("clear"):
            data["value"] = None
        return data


class SnapshotForm(forms.Form):
    kind = forms.ChoiceField(choices=SnapshotKind.choices, error_messages={"invalid_choice": "Неизвестный вид среза."})
    date = DateField(
        label="На дату",
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
    )


class TargetsForm(forms.Form):
    """One pair of fields per indicator: the kind of target and its value (empty: no target)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for indicator in INDICATORS:
            self.fields[f"kind_{indicator.code}"] = forms.ChoiceField(
                label=f"{indicator.code}: вид цели",
                choices=TargetKind.choices,
                required=False,
                error_messages={"invalid_choice": "Выберите вид цели из списка."},
            )
            self.fields[f"value_{indicator.code}"] = count_field(f"{indicator.code}: значение")

    def rows(self) -> list[dict[str, Any]]:
        return [{"indicator": i, "kind": self[f"kind_{i.code}"], "value": self[f"value_{i.code}"]} for i in INDICATORS]

    def targets(self) -> dict[str, tuple[str, int] | None]:
        result: dict[str, tuple[str, int] | None] = {}
        for indicator in INDICATORS:
            value = self.cleaned_data.get(f"value_{indicator.code}")
            kind = self.cleaned_data.get(f"kind_{indicator.code}") or TargetKind.ABSOLUTE
            result[indicator.code] = None if value is None else (kind, value)
        return result


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "date",
            "kind",
            "level",
            "host",
            "participants",
            "staff_participants",
            "partner_participants",
            "practices_approved",
            "practices_level",
            "notes",
        ]
        field_classes = {"date": DateField}
        widgets = {"date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "title": {"required": "Укажите название мероприятия."},
            "date": DATE_ERRORS,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_FORMATS  # type: ignore[attr-defined]
        for name in ("participants", "staff_participants", "partner_participants", "practices_approved"):
            self.fields[name].error_messages.update(COUNT_ERRORS)
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        self.fields["host"].help_text = "Для участия в мероприятии другой организации: кто его проводил."

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        start_year = AcademicYear.start_year_for(day)
        if not AcademicYear.objects.filter(start_year=start_year).exists():
            raise forms.ValidationError(
                f"Учебного года {start_year}/{start_year + 1} нет на платформе: проверьте дату."
            )
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        total = data.get("participants")
        parts = [data.get("staff_participants"), data.get("partner_participants")]
        if total is not None and all(p is not None for p in parts) and sum(p or 0 for p in parts) > total:
            self.add_error(
                "participants",
                "Участников всего не может быть меньше, чем педагогов и представителей партнёров вместе.",
            )
        if data.get("kind") == EventKind.ATTENDED and not (data.get("host") or "").strip():
            self.add_error("host", "Укажите организацию, которая проводила мероприятие.")
        if data.get("practices_approved") and not data.get("practices_level"):
            self.add_error("practices_level", "Укажите уровень экспертизы представленных практик.")
        return data
