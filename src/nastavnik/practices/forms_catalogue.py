"""Forms of the regional catalogue: search, proposal, decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.db.models import QuerySet

from nastavnik.orgs.models import Organisation


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(label="Поиск", required=False, max_length=200)
    form_group = forms.ChoiceField(label="Форма наставничества", required=False)

    def __init__(self, *args: Any, groups: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form_group"].choices = [("", "все формы"), *((g, g) for g in groups)]  # type: ignore[attr-defined]


class ProposalForm(forms.Form):
    organisation = forms.ModelChoiceField(label="От организации", queryset=Organisation.objects.none())
    title = forms.CharField(label="Название практики", max_length=500)
    form_group = forms.CharField(
        label="Форма наставничества", max_length=100, help_text="Например: Ученик-ученик, Учитель-учитель"
    )
    links = forms.CharField(
        label="Ссылки на документы и методические материалы",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 3000}),
        help_text="По одной ссылке в строке, начиная с http:// или https://",
    )
    description = forms.CharField(
        label="Кратко о практике",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 5000}),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if len(organisations[:2]) == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data.get("links", "").splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(lines, start=1):
            try:
                check(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    f"Строка {number}: «{line[:80]}» — не ссылка http:// или https://"
                ) from None
        return "\n".join(lines)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("include", "Включить в каталог"), ("decline", "Отклонить")])
    note = forms.CharField(label="Комментарий", required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not data.get("note", "").strip():
            self.add_error("note", "Объясните, почему практика не включена в каталог.")
        return data
