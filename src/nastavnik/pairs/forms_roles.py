"""Forms of the role pages: a mentee's request for another mentor, the curator's answer, the nudge threshold."""

from __future__ import annotations

from typing import Any

from django import forms

from nastavnik.programmes.models import Programme

ACCEPT, REJECT = "accept", "reject"
# The threshold of «no meeting for N weeks» a curator may set (0 switches the nudge off).
MAX_NUDGE_WEEKS = 26


class ChangeRequestForm(forms.Form):
    reason = forms.CharField(
        label="Почему нужен другой наставник",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Куратор прочитает это и ответит. Наставник запрос не видит.",
        error_messages={"required": "Напишите, почему вы просите другого наставника."},
    )


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label="Решение",
        choices=[(ACCEPT, "Принять: расформировать пару и подобрать другого наставника"), (REJECT, "Отклонить")],
        error_messages={"required": "Выберите решение: принять или отклонить запрос."},
    )
    answer = forms.CharField(
        label="Ответ наставляемому", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == REJECT and not data.get("answer", "").strip():
            self.add_error("answer", "Напишите наставляемому, почему запрос отклонён.")
        return data


class NudgeSettingsForm(forms.ModelForm):
    nudge_weeks = forms.IntegerField(
        label="Недель без встреч до напоминания",
        min_value=0,
        max_value=MAX_NUDGE_WEEKS,
        help_text=(
            "Пара попадёт на доску внимания, а наставник получит напоминание, если встреч не было столько недель."
            " 0 — не напоминать."
        ),
        error_messages={
            "required": "Укажите число недель.",
            "invalid": "Введите целое число недель.",
            "min_value": "Число недель не может быть отрицательным.",
            "max_value": f"Не больше {MAX_NUDGE_WEEKS} недель (полгода).",
        },
    )

    class Meta:
        model = Programme
        fields = ["nudge_weeks"]
