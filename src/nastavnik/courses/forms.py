from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.common.dates import DateField, model_date_formfield
from nastavnik.courses.models import (
    Cohort,
    CourseModule,
    CycleEvent,
    Deficit,
    Enrolment,
    HostSchool,
    LogEntry,
    Milestone,
    MiniTeam,
    ModuleKind,
    Observation,
    RouteItem,
)
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.people.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["organisation", "title", "name", "hours", "tutor", "starts_on", "ends_on", "credit_on", "commission"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "credit_on": DATE}
        formfield_callback = model_date_formfield

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], people: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["tutor"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Окончание раньше начала курса.")
        return data

    def save(self, commit: bool = True) -> Cohort:
        """The cohort belongs to the academic year of its start, on creation and after each edit."""
        cohort: Cohort = super().save(commit=False)
        cohort.academic_year = AcademicYear.objects.get_or_create(
            start_year=AcademicYear.start_year_for(cohort.starts_on)
        )[0]
        if commit:
            cohort.save()
            self.save_m2m()
        return cohort


class ModuleForm(forms.ModelForm):
    class Meta:
        model = CourseModule
        fields = ["order", "title", "kind", "hours"]

    def clean_kind(self) -> str:
        kind: str = self.cleaned_data["kind"]
        module = self.instance
        leaves_in_person = module.pk and module.kind == ModuleKind.IN_PERSON and kind != ModuleKind.IN_PERSON
        if leaves_in_person and module.cohort.enrolments.filter(chosen_module=module).exists():
            raise forms.ValidationError("Этот модуль слушатели выбрали как очный: сначала измените их выбор.")
        return kind


class TeamForm(forms.ModelForm):
    class Meta:
        model = MiniTeam
        fields = ["name", "function"]

    def clean_name(self) -> str:
        """The view sets the cohort before validation; the name is unique within it."""
        name: str = self.cleaned_data["name"]
        team = self.instance
        if team.cohort_id and MiniTeam.objects.filter(cohort_id=team.cohort_id, name=name).exclude(pk=team.pk).exists():
            raise forms.ValidationError("В группе уже есть мини-команда с таким названием.")
        return name


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "module", "due_on"]
        widgets = {"due_on": DATE}
        formfield_callback = model_date_formfield

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = cohort.modules.all()  # type: ignore[attr-defined]


class HostForm(forms.ModelForm):
    class Meta:
        model = HostSchool
        fields = ["organisation", "capacity", "offers"]

    def __init__(self, *args: Any, schools: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = schools  # type: ignore[attr-defined]
        self.fields["offers"].help_text = "Через запятую, например: проектная деятельность, ИОМ, инклюзия"


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(label="Педагог", queryset=Person.objects.none())
    interests = forms.CharField(label="Интересы (через запятую)", max_length=300, required=False)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class EnrolmentForm(forms.ModelForm):
    """What the tutor keeps for a trainee: mini-team, chosen in-person module, interests."""

    class Meta:
        model = Enrolment
        fields = ["team", "chosen_module", "interests"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cohort = self.instance.cohort
        self.fields["team"].queryset = cohort.teams.all()  # type: ignore[attr-defined]
        self.fields["chosen_module"].queryset = cohort.modules.filter(kind="in_person")  # type: ignore[attr-defined]


class DropoutForm(forms.Form):
    day = DateField(label="Дата выбытия", widget=DATE)
    reason = forms.CharField(label="Причина", max_length=300)


class CreditForm(forms.Form):
    passed = forms.TypedChoiceField(
        label="Решение комиссии", choices=[("1", "Зачтено"), ("0", "Не зачтено")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="Примечание", max_length=300, required=False)


class CheckForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label="Решение", choices=[("1", "Принять"), ("0", "Вернуть на доработку")], coerce=lambda v: v == "1"
    )
    comment = forms.CharField(label="Комментарий", max_length=1000, required=False)


class SubmitForm(forms.Form):
    text = forms.CharField(label="Ответ", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class LogForm(forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["day", "text", "hours"]
        widgets = {"day": DATE, "text": forms.Textarea(attrs={"rows": 2})}
        formfield_callback = model_date_formfield


class RouteItemForm(forms.ModelForm):
    class Meta:
        model = RouteItem
        fields = ["kind", "title", "hours", "planned_on"]
        widgets = {"planned_on": DATE}
        formfield_callback = model_date_formfield


class DeficitForm(forms.ModelForm):
    targeted_pd = forms.BooleanField(
        label="Включить в ИОМ адресную программу ПК (36 часов)", required=False, initial=True
    )

    class Meta:
        model = Deficit
        fields = ["person", "audience", "area", "identified_on"]
        widgets = {"identified_on": DATE}
        formfield_callback = model_date_formfield

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class ObservationForm(forms.ModelForm):
    class Meta:
        model = Observation
        fields = [
            "kind",
            "teacher",
            "day",
            "subject",
            "class_label",
            "observer",
            "strengths",
            "weaknesses",
            "recommendations",
        ]
        widgets = {
            "day": DATE,
            "strengths": forms.Textarea(attrs={"rows": 2}),
            "weaknesses": forms.Textarea(attrs={"rows": 2}),
            "recommendations": forms.Textarea(attrs={"rows": 2}),
        }
        formfield_callback = model_date_formfield

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = people  # type: ignore[attr-defined]


class CycleEventForm(forms.ModelForm):
    class Meta:
        model = CycleEvent
        fields = ["stage", "title", "day", "held"]
        widgets = {"day": DATE}
        formfield_callback = model_date_formfield


class ResultsUploadForm(forms.Form):
    file = forms.FileField(label="Файл результатов (XLSX или CSV)", error_messages={"required": "Выберите файл."})
