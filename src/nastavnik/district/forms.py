from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.district.models import SchoolProfile
from nastavnik.engines.matching.school_pairs import SchoolRules
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.programmes.models import MentoringFormat


class TerritoryForm(forms.Form):
    """GET parameters of the district pages: the territory (when the user has one) and the year."""

    territory = forms.ModelChoiceField(label="Территория", queryset=Organisation.objects.none(), empty_label=None)
    year = forms.ModelChoiceField(
        label="Учебный год", queryset=AcademicYear.objects.all(), to_field_name="start_year", empty_label=None
    )

    def __init__(self, *args: Any, territories: QuerySet[Organisation] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if territories is None:
            del self.fields["territory"]
        else:
            field = self.fields["territory"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = territories


class MapFilterForm(TerritoryForm):
    form = forms.ModelChoiceField(
        label="Форма наставничества",
        queryset=MentoringFormat.objects.filter(is_active=True),
        required=False,
        empty_label="Все формы",
    )


class SchoolProfileForm(forms.ModelForm):
    class Meta:
        model = SchoolProfile
        fields = ["results_index", "students_count", "is_rural", "role", "capacity"]
        # «72,5» as teachers type it; a text box with the decimal keyboard on phones.
        localized_fields = ["results_index"]
        widgets = {"results_index": forms.TextInput(attrs={"inputmode": "decimal"})}
        error_messages = {
            "results_index": {
                "required": "Укажите индекс результатов от 0 до 100",
                "invalid": "Индекс результатов — число от 0 до 100, например 72,5",
            },
            "students_count": {
                "required": "Укажите число обучающихся",
                "invalid": "Число обучающихся — целое число",
            },
        }


class PairingRulesForm(forms.Form):
    min_gap = forms.DecimalField(
        label="Минимальный разрыв в результатах",
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        initial=Decimal(10),
        localize=True,
        help_text="Школа-лидер должна опережать поддерживаемую школу по индексу результатов хотя бы на столько.",
    )

    def rules(self) -> SchoolRules:
        return SchoolRules(min_gap=float(self.cleaned_data["min_gap"]))


class SchoolImportForm(forms.Form):
    file = forms.FileField(
        label="Файл CSV или Excel",
        error_messages={"required": "Выберите файл", "empty": "Файл пустой"},
        help_text="Столбцы: Организация (краткое наименование, ИНН или код), Индекс результатов, "
        "Число обучающихся, Сельская (да/нет), Роль (лидер/поддерживаемая), Сколько школ может поддержать.",
    )
