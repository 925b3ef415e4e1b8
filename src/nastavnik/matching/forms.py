from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django import forms

from nastavnik.common.limits import BoundedNumbersMixin
from nastavnik.engines.matching.scoring import Weights
from nastavnik.matching.models import ConstraintKind, MatchingSettings, Policy
from nastavnik.programmes.models import ProgrammeFormat

WEIGHT_LABELS = {
    "problems": "За каждую совпавшую проблему",
    "subjects": "За каждый общий предмет",
    "interests": "За каждый общий интерес",
    "schedule": "За каждое совпадение по времени",
    "same_organisation": "Из одной организации",
    "grade_gap": "За каждый класс разницы сверх минимума",
    "priority": "Наставляемый в приоритете (после расформирования пары)",
}


class MatchingSettingsForm(forms.ModelForm):
    policy = forms.ChoiceField(label="Цель подбора", choices=Policy.choices, initial=Policy.MAX_MATCHED)

    class Meta:
        model = MatchingSettings
        fields = ["same_organisation_only", "forbid_same_class", "require_problem_match"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {**asdict(Weights()), **(self.instance.weights or {})}
        for name, label in WEIGHT_LABELS.items():
            self.fields[f"w_{name}"] = forms.FloatField(
                label=label, min_value=0, max_value=100, initial=current[name], required=True
            )

    def weights(self) -> dict[str, float]:
        return {name: self.cleaned_data[f"w_{name}"] for name in WEIGHT_LABELS}

    def save(self, commit: bool = True) -> MatchingSettings:
        settings: MatchingSettings = super().save(commit=False)
        settings.weights = self.weights()
        if commit:
            settings.save()
        return settings


class FormRulesForm(BoundedNumbersMixin, forms.ModelForm):
    """Hard eligibility rules of this form in this programme (empty = the form's default)."""

    class Meta:
        model = ProgrammeFormat
        fields = ["mentor_min_experience_years", "mentee_max_experience_years", "min_grade_gap", "max_group_size"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "rules")
        super().__init__(*args, **kwargs)
        instance: ProgrammeFormat = self.instance
        for name in self.Meta.fields:
            inherited = next(
                (
                    getattr(src, name)
                    for src in (instance.variant, instance.form)
                    if src and getattr(src, name) is not None
                ),
                None,
            )
            self.fields[name].help_text = (
                f"По умолчанию для формы: {inherited}." if inherited is not None else "Пусто — без ограничения."
            )


class ConstraintForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    mentee = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=ConstraintKind.choices, widget=forms.HiddenInput)


class ChooseFormForm(forms.Form):
    """The form of mentoring for a request that was saved without one."""

    programme_form = forms.ModelChoiceField(
        queryset=ProgrammeFormat.objects.none(),
        label="Форма наставничества",
        empty_label=None,
        error_messages={
            "required": "Выберите форму наставничества.",
            "invalid_choice": "Эта форма не входит в программу наставляемого: выберите форму из списка.",
        },
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme_form"]
        field.queryset = ProgrammeFormat.objects.filter(programme=programme).select_related("form", "variant")  # type: ignore[attr-defined]
