"""Forms of the project office: the card, stages, activities, registry filters, sprints."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from nastavnik.common.dates import DateField, model_date_formfield
from nastavnik.engines.recurrence import Kind, RuleError, validate
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.people.models import Person
from nastavnik.projects.models import (
    PARENT_LEVEL,
    Activity,
    Charter,
    FundingSource,
    NationalDirection,
    Project,
    Stage,
    StageKind,
    Status,
)
from nastavnik.projects.services import rule_of

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CARD_FIELDS = [
    "level",
    "parent",
    "name",
    "idea",
    "goal",
    "tasks",
    "relevance",
    "concept",
    "toolkit",
    "advantage",
    "funding",
    "funding_note",
    "expected_results",
    "achieved_results",
    "participant_groups",
    "leaders",
    "leaders_note",
    "normative_acts",
    "directions",
    "schools",
    "mode",
]


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = CARD_FIELDS
        widgets = {
            "funding": forms.CheckboxSelectMultiple,
            "directions": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in CARD_FIELDS
                if name not in {"level", "parent", "name", "funding", "leaders", "directions", "schools", "mode"}
            },
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        others = Project.objects.filter(organisation=organisation)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = others
        cast(forms.ModelChoiceField, self.fields["leaders"]).queryset = _org_people(organisation)
        cast(forms.ModelChoiceField, self.fields["schools"]).queryset = Organisation.objects.filter(
            path__startswith=_district_path(organisation)
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        level, parent = cleaned.get("level"), cleaned.get("parent")
        wanted = PARENT_LEVEL.get(level) if level else None
        if parent is not None and parent.level != wanted:
            self.add_error(
                "parent", "Проект входит в ветвь каскада, ветвь — в стратегический проект, тот — в программу"
            )
        name = cleaned.get("name")
        if (
            name
            and Project.objects.filter(organisation=self.organisation, name=name).exclude(pk=self.instance.pk).exists()
        ):
            self.add_error("name", "Проект с таким названием уже есть в этой организации")
        return cleaned


def _district_path(organisation: Organisation) -> str:
    """The region (the top of the tree) whose organisations and people may take part."""
    return "/" + organisation.path.strip("/").split("/")[0] + "/"


def _org_people(organisation: Organisation) -> QuerySet[Person]:
    return (
        Person.objects.filter(
            memberships__organisation__path__startswith=_district_path(organisation), memberships__is_active=True
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["kind", "name", "content", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT, "content": forms.Textarea(attrs={"rows": 2})}
        formfield_callback = model_date_formfield

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "Окончание этапа раньше начала")
        return cleaned


StageFormSet = forms.inlineformset_factory(Project, Stage, form=StageForm, extra=1, can_delete=True)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "number",
            "title",
            "stage",
            "timing_text",
            "kind",
            "starts_on",
            "ends_on",
            "month_from",
            "month_to",
            "period",
            "times",
            "forecast",
            "responsible",
            "responsible_note",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "title": forms.Textarea(attrs={"rows": 2}),
            "forecast": forms.Textarea(attrs={"rows": 2}),
        }
        formfield_callback = model_date_formfield

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        cast(forms.ModelChoiceField, self.fields["stage"]).queryset = project.stages.all()
        cast(forms.ModelChoiceField, self.fields["responsible"]).queryset = _org_people(project.organisation)

    def clean_number(self) -> str:
        number = str(self.cleaned_data["number"]).strip().rstrip(".")
        if not number or not all(part.isdigit() for part in number.split(".")):
            raise forms.ValidationError("Номер — числа через точку, например 2.5")
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        candidate = Activity(**{k: v for k, v in cleaned.items() if k not in {"stage", "responsible"}})
        try:
            validate(rule_of(candidate))
        except RuleError as error:
            field = "period" if cleaned.get("kind") == Kind.FREQUENCY else "starts_on"
            if cleaned.get("kind") == Kind.ANNUAL:
                field = "month_from"
            self.add_error(field, str(error))
        return cleaned


class RegistryFilter(forms.Form):
    GROUPS = [
        ("", "без группировки"),
        ("direction", "направление НП"),
        ("leader", "руководитель"),
        ("stage", "этап"),
        ("funding", "финансирование"),
        ("status", "статус"),
    ]

    direction = forms.ModelChoiceField(NationalDirection.objects.all(), required=False, label="Направление НП")
    leader = forms.ModelChoiceField(Person.objects.none(), required=False, label="Руководитель")
    stage = forms.ChoiceField(choices=[("", "любой"), *StageKind.choices], required=False, label="Текущий этап")
    funding = forms.ModelChoiceField(FundingSource.objects.all(), required=False, label="Финансирование")
    status = forms.ChoiceField(choices=[("", "любой"), *Status.choices], required=False, label="Статус")
    group = forms.ChoiceField(choices=GROUPS, required=False, label="Группировать")

    def __init__(self, *args: Any, leaders: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["leader"]).queryset = leaders


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)

    def year_or(self, default: AcademicYear) -> AcademicYear:
        start = self.cleaned_data.get("year") if self.is_valid() else None
        if not start:
            return default
        year, _ = AcademicYear.objects.get_or_create(start_year=start)
        return year


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    comment = forms.CharField(max_length=500, required=False)


class CharterForm(forms.ModelForm):
    class Meta:
        model = Charter
        fields = ["vision", "team", "processes", "sprint_count", "sprint_weeks", "expected_results"]
        widgets = {n: forms.Textarea(attrs={"rows": 3}) for n in ["vision", "team", "processes", "expected_results"]}


class SprintForm(forms.Form):
    goal = forms.CharField(label="Цель спринта", widget=forms.Textarea(attrs={"rows": 2}))
    starts_on = DateField(label="Начало", widget=DATE_INPUT)
    ends_on = DateField(label="Окончание", widget=DATE_INPUT)


class CloseSprintForm(forms.Form):
    review = forms.CharField(label="Итоги спринта (обзор)", widget=forms.Textarea(attrs={"rows": 3}))
    retrospective = forms.CharField(label="Ретроспектива", widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(forms.Form):
    title = forms.CharField(label="Задача", max_length=300)
