from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.common.dates import model_date_formfield
from nastavnik.orgs.models import Organisation, Role
from nastavnik.people.models import Person
from nastavnik.workshops.models import (
    CatalogueWorkshop,
    EnrolmentModule,
    SeasonStatus,
    Trajectory,
    Workshop,
    WorkshopMeeting,
    WorkshopProject,
)


def org_people(org: Organisation, *roles: str) -> QuerySet[Person]:
    qs = Person.objects.filter(memberships__organisation=org, memberships__is_active=True)
    if roles:
        qs = qs.filter(memberships__role__in=roles)
    return qs.distinct().order_by("last_name", "first_name", "pk")


LOCAL_STAFF = [Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP, Role.TEACHER]
MAX_ID = 2_147_483_647  # the integer column of PostgreSQL


def posted_id(value: str | None) -> int:
    """An id typed into a POST field; anything that cannot be one is 0, which no row has (then 404 or a message)."""
    text = (value or "").strip()
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_ID else 0


def posted_ids(values: list[str]) -> list[int]:
    return [i for i in map(posted_id, values) if i]


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class WorkshopForm(forms.ModelForm):
    catalogue = forms.ModelChoiceField(
        CatalogueWorkshop.objects.all(),
        required=False,
        label="Мастерская из источника",
        empty_label="— своя (авторская) мастерская —",
    )

    class Meta:
        model = Workshop
        fields = ["catalogue", "name", "description", "master", "master_level", "coordinator", "librarian", "director"]
        help_texts = {"name": "Для мастерской из источника можно оставить пустым: возьмётся её название."}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["name"].required = False
        staff = org_people(organisation, *LOCAL_STAFF)
        for name in ("master", "coordinator", "librarian", "director"):
            self.fields[name] = PersonChoice(staff, required=False, label=self.fields[name].label)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and data.get("catalogue"):
            data["name"] = data["catalogue"].name
        if not data.get("name"):
            self.add_error("name", "Укажите название мастерской или выберите мастерскую из источника.")
            return data
        same = Workshop.objects.filter(organisation=self.organisation, name=data["name"]).exclude(pk=self.instance.pk)
        if same.exists():
            self.add_error("name", "В организации уже есть мастерская с таким названием.")
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=SeasonStatus.choices, label="Статус в учебном году")


class MemberForm(forms.Form):
    person = PersonChoice(Person.objects.none(), label="Участник (педагог или ученик)")

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = org_people(organisation, *LOCAL_STAFF, Role.STUDENT)  # type: ignore[attr-defined]


class MeetingForm(forms.ModelForm):
    attendees = forms.ModelMultipleChoiceField(
        Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Присутствовали"
    )

    class Meta:
        model = WorkshopMeeting
        fields = ["held_on", "topic"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        formfield_callback = model_date_formfield

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people  # type: ignore[attr-defined]
        self.fields["attendees"].label_from_instance = lambda p: p.full_name  # type: ignore[attr-defined]


class ProjectForm(forms.ModelForm):
    class Meta:
        model = WorkshopProject
        fields = ["title", "completed"]


class EnrolForm(forms.Form):
    person = PersonChoice(Person.objects.none(), label="Педагог")
    trajectory = forms.ModelChoiceField(Trajectory.objects.all(), label="Траектория")

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = org_people(organisation, *LOCAL_STAFF)  # type: ignore[attr-defined]


class ModulesForm(forms.Form):
    """One checkbox per module: attended or not."""

    def __init__(self, *args: Any, modules: list[EnrolmentModule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for module in modules:
            self.fields[f"m{module.pk}"] = forms.BooleanField(
                required=False, initial=module.attended, label=f"{module.title} ({module.hours} ч)"
            )
