from __future__ import annotations

import datetime

from django import forms

from nastavnik.common.dates import DateField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EraseForm(forms.Form):
    reason = forms.CharField(
        label="Основание удаления",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Например: заявление родителя от ДД.ММ.ГГГГ. Не указывайте здесь ФИО и контакты.",
        error_messages={"required": "Укажите основание удаления."},
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("Укажите основание удаления.")
        return reason


class EndMembershipForm(forms.Form):
    left_on = DateField(label="Дата выбытия", widget=DATE, error_messages={"required": "Укажите дату выбытия."})

    def __init__(self, *args: object, today: datetime.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.today = today

    def clean_left_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["left_on"]
        if day > self.today:
            raise forms.ValidationError("Дата выбытия не может быть в будущем.")
        return day
