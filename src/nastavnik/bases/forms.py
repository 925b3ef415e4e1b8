from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.bases.fit import fitting_forms, fitting_programmes
from nastavnik.bases.models import Admission, MenteeEntry, MentorAssessment, MentorEntry
from nastavnik.common.limits import BoundedNumbersMixin
from nastavnik.common.text import plural_ru
from nastavnik.people.models import Person
from nastavnik.people.picker import PersonPicker
from nastavnik.programmes.models import MentorTrait, ProblemCategory, Programme, ProgrammeFormat

NO_CONSENT = (
    "У этого человека нет согласия на обработку персональных данных: "
    "его нельзя включить в базу. Сначала оформите согласие в карточке человека."
)


class EntryFormMixin(BoundedNumbersMixin, forms.ModelForm):
    """Person, programme and form choices limited to what the user manages."""

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person] | None,
        programmes: QuerySet[Programme],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if people is None:
            self.fields.pop("person", None)
        else:
            self.fields["person"].queryset = people  # type: ignore[attr-defined]
            self.fields["person"].widget = PersonPicker()
            self.fields["person"].widget.is_required = self.fields["person"].required
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["programme_form"].queryset = ProgrammeFormat.objects.filter(  # type: ignore[attr-defined]
            programme__in=programmes
        ).select_related("form", "variant")
        self.fields["programme_form"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person = data.get("person") or getattr(self.instance, "person", None)
        if person is not None and getattr(person, "pk", None) and not person.has_consent:
            self.add_error("person" if "person" in self.fields else None, NO_CONSENT)
        programme, programme_form = data.get("programme"), data.get("programme_form")
        if programme and programme_form and programme_form.programme_id != programme.pk:
            self.add_error("programme_form", "Эта форма наставничества не входит в выбранную программу.")
        model = self._meta.model
        if person is not None and programme is not None and getattr(person, "pk", None):
            clash = model.objects.filter(person=person, programme=programme).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "programme",
                    f"{person.full_name} уже есть в этой базе программы «{programme.title}».",
                )
        return data


class MenteeEntryForm(EntryFormMixin):
    problems = forms.ModelMultipleChoiceField(
        queryset=ProblemCategory.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        label="С чем нужна помощь",
        error_messages={"required": "Отметьте хотя бы одну проблему, с которой нужна помощь."},
    )

    class Meta:
        model = MenteeEntry
        fields = [
            "person",
            "programme",
            "programme_form",
            "problems",
            "area",
            "goal",
            "desired_result",
            "preferred_format",
            "preferred_time",
            "interests",
            "activity",
            "referred_by",
            "comment",
        ]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "desired_result": forms.Textarea(attrs={"rows": 2}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"goal": {"required": "Опишите цель: чего наставляемый хочет достичь."}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme_form"]
        field.error_messages["invalid_choice"] = "Эта форма наставничества здесь недоступна: выберите форму из списка."
        choices = list(field.queryset[:2])  # type: ignore[attr-defined]
        if len(choices) == 1 and not self.initial.get("programme_form"):
            self.initial["programme_form"] = choices[0].pk  # the only form: preselected, still shown

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        programme = data.get("programme")
        if programme is not None and not data.get("programme_form") and "programme_form" not in self.errors:
            forms_of_programme = list(self.fields["programme_form"].queryset.filter(programme=programme)[:2])  # type: ignore[attr-defined]
            if len(forms_of_programme) == 1:
                data["programme_form"] = forms_of_programme[0]
            else:
                self.add_error("programme_form", f"Выберите форму наставничества программы «{programme.title}».")
        return data


class MyRequestForm(MenteeEntryForm):
    """The mentee's own request: no curator-only fields; only programmes and forms that fit the person."""

    def __init__(self, *args: Any, programmes: QuerySet[Programme], **kwargs: Any) -> None:
        person = kwargs["instance"].person
        super().__init__(*args, programmes=fitting_programmes(person, programmes), **kwargs)
        self.fields["programme"].error_messages["invalid_choice"] = (
            "В этой программе нет формы наставничества для вас: выберите программу из списка."
        )
        forms_qs = fitting_forms(person, programmes).select_related("form", "variant")
        self.fields["programme_form"].queryset = forms_qs  # type: ignore[attr-defined]
        if not self.initial.get("programme_form") and forms_qs.count() == 1:
            self.initial["programme_form"] = forms_qs.get().pk

    class Meta(MenteeEntryForm.Meta):
        fields = [
            "programme",
            "programme_form",
            "problems",
            "area",
            "goal",
            "desired_result",
            "preferred_format",
            "preferred_time",
            "interests",
        ]


class MentorEntryForm(EntryFormMixin):
    capabilities = forms.ModelMultipleChoiceField(
        queryset=ProblemCategory.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        label="С чем может помочь",
        error_messages={"required": "Отметьте хотя бы одну проблему, с которой наставник может помочь."},
    )
    qualities = forms.ModelMultipleChoiceField(
        queryset=MentorTrait.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        label="Качества и компетенции",
        required=False,
    )

    class Meta:
        model = MentorEntry
        fields = [
            "person",
            "programme",
            "programme_form",
            "contour",
            "partner_organisation",
            "background",
            "capabilities",
            "qualities",
            "subjects",
            "interests",
            "availability",
            "experience_years",
            "capacity",
            "takes_group",
            "training_status",
            "status_level",
            "motivation",
        ]
        widgets = {"interests": forms.Textarea(attrs={"rows": 2}), "motivation": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_capacity(self)
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "partner_organisation" in self.fields:
            from nastavnik.orgs.models import Organisation

            self.fields["partner_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                is_partner=True
            )


def _check_capacity(form: forms.ModelForm) -> None:
    capacity = form.cleaned_data.get("capacity")
    load = getattr(form.instance, "load", 0) or 0
    if capacity is not None and capacity < load:
        form.add_error(
            "capacity",
            f"Наставник уже ведёт {load} {plural_ru(load, 'наставляемого', 'наставляемых', 'наставляемых')}: "
            "меньше мест сделать нельзя.",
        )


class MentorApplicationForm(MentorEntryForm):
    """A teacher's (or senior student's) own application to become a mentor."""

    class Meta(MentorEntryForm.Meta):
        fields = [
            "programme",
            "programme_form",
            "capabilities",
            "qualities",
            "subjects",
            "interests",
            "availability",
            "capacity",
            "motivation",
        ]
        error_messages = {"motivation": {"required": "Напишите, почему вы хотите стать наставником."}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["motivation"].required = True


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Решение",
        choices=[(Admission.ADMITTED, "Допустить"), (Admission.REJECTED, "Не допускать")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Обоснование", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == Admission.REJECTED and not (data.get("reason") or "").strip():
            self.add_error("reason", "Укажите причину отказа — её увидит кандидат.")
        return data


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = MentorAssessment
        fields = ["test_score", "case_score", "sheet_score", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(data.get(name) is None for name in ("test_score", "case_score", "sheet_score")):
            raise forms.ValidationError("Укажите хотя бы один балл: тестирование, кейсы или оценочный лист.")
        return data
