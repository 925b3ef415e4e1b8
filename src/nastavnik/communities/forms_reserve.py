"""Forms of the reserve and the lab pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.communities.forms import PersonChoiceField, staff_people
from nastavnik.communities.models import (
    Competence,
    LabForm,
    LabParticipant,
    LabRole,
    LabSurvey,
    ReserveCycle,
    ReserveEntry,
)
from nastavnik.orgs.models import Organisation
from nastavnik.people.models import Person

LEVELS = [("", "—"), ("1", "1 — начальный"), ("2", "2 — базовый"), ("3", "3 — продвинутый"), ("4", "4 — экспертный")]


class OrganisationYearForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Организация")

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class EntryAddForm(forms.ModelForm):
    person = PersonChoiceField(queryset=Person.objects.none(), label="Педагог или руководитель")

    class Meta:
        model = ReserveEntry
        fields = ["person", "position"]

    def __init__(self, *args: Any, cycle: ReserveCycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff_people(cycle.organisation)

    def clean_person(self) -> Person:
        person: Person = self.cleaned_data["person"]
        if self.cycle.entries.filter(person=person).exists():
            raise forms.ValidationError(f"{person.full_name} уже в списке этого года.")
        if person.organisation is None:
            raise forms.ValidationError("У педагога не указана основная организация (место работы).")
        return person


class EntryForm(forms.ModelForm):
    """The record of one person with a level field per competence of the matrix."""

    class Meta:
        model = ReserveEntry
        fields = ["position", "status", "competition", "strengths", "deficits", "plan", "plan_report", "internship"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("strengths", "deficits", "plan", "plan_report")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competences = list(Competence.objects.all())
        levels = dict(self.instance.ratings.values_list("competence_id", "level")) if self.instance.pk else {}
        for c in self.competences:
            self.fields[f"level_{c.pk}"] = forms.TypedChoiceField(
                label=c.name, choices=LEVELS, required=False, coerce=int, empty_value=None, initial=levels.get(c.pk)
            )

    def levels(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"level_{c.pk}") for c in self.competences}


class CompetenceForm(forms.ModelForm):
    # The column is a small integer: a bound here keeps a huge number a field error, not a database error.
    order = forms.IntegerField(label="Порядок", min_value=0, max_value=999, initial=0)

    class Meta:
        model = Competence
        fields = ["name", "order"]


class LabPairForm(forms.Form):
    mentor = forms.ModelChoiceField(queryset=LabParticipant.objects.none(), label="Наставник")
    mentee = forms.ModelChoiceField(queryset=LabParticipant.objects.none(), label="Ученик")
    form = forms.ChoiceField(label="Форма", choices=LabForm.choices)

    def __init__(self, *args: Any, lab: LabSurvey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        base = lab.participants.select_related("person", "organisation")
        for name, role in (("mentor", LabRole.MENTOR), ("mentee", LabRole.MENTEE)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = base.filter(role=role)
            field.label_from_instance = _participant_label  # type: ignore[method-assign,assignment]


def _participant_label(p: LabParticipant) -> str:
    return f"{p.person.full_name} — {p.organisation.short_name}, «{p.topic}»"


class LabReportForm(forms.ModelForm):
    class Meta:
        model = LabSurvey
        fields = ["report"]
        widgets = {"report": forms.Textarea(attrs={"rows": 4})}

    def clean_report(self) -> str:
        text = str(self.cleaned_data.get("report", "")).strip()
        if not text:
            raise forms.ValidationError("Напишите текст отчёта.")
        return text
