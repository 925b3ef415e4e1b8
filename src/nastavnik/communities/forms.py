"""Forms of the communities pages; person choices are limited to the territory of the community."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.common.dates import DateField
from nastavnik.communities.models import (
    Community,
    CommunityEvent,
    CommunityReport,
    Material,
    Member,
)
from nastavnik.orgs.models import TERRITORY_KINDS, Organisation, Role
from nastavnik.people.models import Person

STAFF_ROLES = (Role.TEACHER, Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP, Role.DISTRICT_COORDINATOR)


def territory_of(org: Organisation) -> Organisation:
    """A centre works for the district it sits in; a district or region is its own territory."""
    if org.kind in TERRITORY_KINDS or org.parent is None:
        return org
    return org.parent


def staff_people(org: Organisation) -> QuerySet[Person]:
    """Teachers and school staff of the organisation's territory (whom a community or the reserve may take)."""
    path = territory_of(org).path
    return (
        Person.objects.filter(
            memberships__organisation__path__startswith=path,
            memberships__is_active=True,
            memberships__role__in=STAFF_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "middle_name", "id")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        org = obj.organisation.short_name if obj.organisation_id and obj.organisation else ""
        return f"{obj.full_name}, {org}" if org else obj.full_name


class CommunityForm(forms.ModelForm):
    leader = PersonChoiceField(queryset=Person.objects.none(), label="Лидер сообщества")
    curator = PersonChoiceField(queryset=Person.objects.none(), label="Куратор (назначает центр)")
    meeting_link = forms.URLField(label="Ссылка на видеовстречи", required=False, assume_scheme="https")

    class Meta:
        model = Community
        fields = [
            "organisation", "name", "topic", "leader", "curator", "charter", "goals", "indicators", "meeting_link",
        ]  # fmt: skip
        widgets = {
            "charter": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], staff: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        org = self.instance.organisation if self.instance.pk else organisations.first()
        people = staff_people(org) if org is not None else Person.objects.none()
        for name in ("leader", "curator"):
            person_field = self.fields[name]
            assert isinstance(person_field, forms.ModelChoiceField)
            person_field.queryset = people
        if self.instance.pk:
            del self.fields["organisation"]
        if not staff:  # the leader edits the content; the centre appoints the leader and the curator
            del self.fields["leader"], self.fields["curator"]


class MemberForm(forms.ModelForm):
    person = PersonChoiceField(queryset=Person.objects.none(), label="Педагог")

    class Meta:
        model = Member
        fields = ["person", "asset_role"]

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.community = community
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff_people(community.organisation)
        self.fields["asset_role"].required = False

    def clean_person(self) -> Person:
        person: Person = self.cleaned_data["person"]
        if self.community.members.filter(person=person).exists():
            raise forms.ValidationError(f"{person.full_name} уже участник сообщества.")
        return person


class EventForm(forms.ModelForm):
    held_on = DateField(label="Дата (ДД.ММ.ГГГГ)")

    class Meta:
        model = CommunityEvent
        fields = ["title", "held_on", "format"]


class MaterialForm(forms.ModelForm):
    link = forms.URLField(label="Ссылка", required=False, assume_scheme="https")

    class Meta:
        model = Material
        fields = ["title", "link", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ReportForm(forms.ModelForm):
    class Meta:
        model = CommunityReport
        fields = ["period", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class TrainingForm(forms.Form):
    trainer = PersonChoiceField(queryset=Person.objects.none(), label="Кто обучил (участник актива)")
    trainee = PersonChoiceField(queryset=Person.objects.none(), label="Кого обучил")
    topic = forms.CharField(label="Тема", max_length=300)
    held_on = DateField(label="Дата (ДД.ММ.ГГГГ)")

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trainer = self.fields["trainer"]
        trainee = self.fields["trainee"]
        assert isinstance(trainer, forms.ModelChoiceField) and isinstance(trainee, forms.ModelChoiceField)
        trainer.queryset = Person.objects.filter(pk__in=community.members.values("person_id")).order_by(
            "last_name", "first_name", "id"
        )
        trainee.queryset = staff_people(community.organisation)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("trainer") and data.get("trainer") == data.get("trainee"):
            raise forms.ValidationError("Педагог не может обучить сам себя: выберите другого обучаемого.")
        return data
