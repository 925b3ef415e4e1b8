"""Forms of a pair's life: start of work, interaction stage, the director's order."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.common.dates import DateField
from nastavnik.pairs.models import InteractionStage, Pair, PairOrder

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivateForm(forms.Form):
    started_on = DateField(
        label="Дата начала работы", required=False, widget=DATE, help_text="Если не указать — сегодняшняя дата."
    )


class StageForm(forms.Form):
    stage = forms.TypedChoiceField(label="Этап взаимодействия", choices=InteractionStage.choices, coerce=int)


class OrderForm(forms.ModelForm):
    class Meta:
        model = PairOrder
        fields = ["number", "order_date", "title", "preamble", "period_from", "period_to"]
        field_classes = {"order_date": DateField, "period_from": DateField, "period_to": DateField}
        widgets = {
            "order_date": DATE,
            "period_from": DATE,
            "period_to": DATE,
            "preamble": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "number": "Номер по книге регистрации приказов, например «45-од».",
            "preamble": "Основание приказа; по умолчанию — ссылка на программу и целевую модель наставничества.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True

    def clean_number(self) -> str:
        return str(self.cleaned_data.get("number") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", "Окончание периода раньше его начала.")
        number = data.get("number")
        if number:
            clash = PairOrder.objects.filter(programme_id=self.instance.programme_id, number=number).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                self.add_error("number", f"Приказ № {number} уже есть в этой программе.")
        return data

    def validate_unique(self) -> None:
        # The number is checked in clean() with a Russian message; the rest has no unique fields.
        return None


class PairLabelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        pair: Pair = obj
        mentees = ", ".join(m.mentee.person.full_name for m in pair.members.all())
        form = f" ({pair.programme_form})" if pair.programme_form else ""
        return f"{pair.mentor.person.full_name} — {mentees}{form}"


class PairsForm(forms.Form):
    """Checkboxes over a set of pairs (to put into an order or take out of it)."""

    def __init__(self, *args: Any, queryset: QuerySet[Pair], label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pairs"] = PairLabelField(
            label=label,
            queryset=queryset,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": "Отметьте хотя бы одну пару.",
                "invalid_choice": "Пара уже недоступна: обновите страницу.",
                "invalid_pk_value": "Пара уже недоступна: обновите страницу.",
            },
        )
