"""Forms of the shifts, statuses, partnerships, Master-shelf, conferences and notification topics."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from nastavnik.common.dates import DateField, model_date_formfield
from nastavnik.common.uploads import accept_attribute, validate_upload
from nastavnik.orgs.models import Organisation, Role
from nastavnik.people.models import Person
from nastavnik.surveys.models import Campaign
from nastavnik.workshops import catalogue
from nastavnik.workshops.forms import LOCAL_STAFF, PersonChoice, org_people
from nastavnik.workshops.models import (
    CatalogueWorkshop,
    ConferenceApplication,
    PartnershipItem,
    PartnershipMeeting,
    ProgrammeItem,
    Quest,
    Shift,
    StatusApplication,
    Workshop,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ShiftForm(forms.ModelForm):
    code = forms.ChoiceField(label="Смена", choices=[])

    class Meta:
        model = Shift
        fields = ["code", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        formfield_callback = model_date_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = catalogue.choices("shifts")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "Окончание смены раньше её начала.")
        return data


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class ShiftParticipantsForm(forms.Form):
    people = PeopleChoice(Person.objects.none(), required=False, label="Участники смены")

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = org_people(organisation, *LOCAL_STAFF, Role.STUDENT)  # type: ignore[attr-defined]


class ShiftCampaignForm(forms.Form):
    campaign = forms.ModelChoiceField(Campaign.objects.none(), label="Опрос обратной связи")

    def __init__(self, *args: Any, shift: Shift, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.filter(  # type: ignore[attr-defined]
            organisation_id=shift.organisation_id,
            version__instrument__code=catalogue.shift_instrument(shift.code),
        ).order_by("-opens_on")


class StatusForm(forms.ModelForm):
    status = forms.ChoiceField(label="Статус", choices=[])

    class Meta:
        model = StatusApplication
        fields = ["status", "level", "applied_on", "document", "note"]
        widgets = {"applied_on": DATE, "document": forms.ClearableFileInput(attrs={"accept": accept_attribute()})}
        formfield_callback = model_date_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = catalogue.choices("statuses")  # type: ignore[attr-defined]

    def clean_document(self) -> Any:
        file = self.cleaned_data.get("document")
        if file and hasattr(file, "size"):
            validate_upload(file)
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == "resource_centre" and not data.get("level"):
            self.add_error("level", "Укажите уровень ресурсного центра.")
        if data.get("status") != "resource_centre" and data.get("level"):
            self.add_error("level", "Уровень указывается только для ресурсного центра.")
        return data


class DecisionForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(choices=[("granted", "Статус присвоен"), ("refused", "Отказано")], label="Решение")
    decided_on = DateField(label="Дата решения", widget=DATE)


class PartnershipForm(forms.Form):
    mentor_school = forms.ModelChoiceField(Organisation.objects.none(), label="Школа второго года")
    new_school = forms.ModelChoiceField(Organisation.objects.none(), label="Школа-новичок")

    def __init__(self, *args: Any, schools: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("mentor_school", "new_school"):
            self.fields[name].queryset = schools  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mentor_school") and data.get("mentor_school") == data.get("new_school"):
            raise ValidationError("Школа не может поддерживать сама себя: выберите две разные школы.")
        return data


class PartnershipItemForm(forms.ModelForm):
    class Meta:
        model = PartnershipItem
        fields = ["title", "due_on"]
        widgets = {"due_on": DATE}
        formfield_callback = model_date_formfield


class PartnershipMeetingForm(forms.ModelForm):
    class Meta:
        model = PartnershipMeeting
        fields = ["held_on", "topic"]
        widgets = {"held_on": DATE}
        formfield_callback = model_date_formfield


class BookSetForm(forms.Form):
    title = forms.CharField(label="Набор", max_length=200)
    received_on = DateField(label="Получен", widget=DATE)
    books = forms.CharField(
        label="Книги (по одной в строке: «Автор — Название»)", widget=forms.Textarea(attrs={"rows": 5})
    )

    def clean_books(self) -> list[tuple[str, str]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["books"].splitlines(), start=1):
            if not line.strip():
                continue
            author, _, title = line.partition("—")
            if not title.strip():
                author, title = "", author
            if len(title.strip()) > 300:
                raise ValidationError(f"Строка {number}: название длиннее 300 знаков.")
            rows.append((author.strip()[:200], title.strip()))
        if not rows:
            raise ValidationError("Укажите хотя бы одну книгу.")
        return rows


class BookActionForm(forms.Form):
    book = forms.IntegerField(widget=forms.HiddenInput)
    person = PersonChoice(Person.objects.none(), required=False, label="Читатель")
    workshop = forms.ModelChoiceField(Workshop.objects.none(), required=False, label="Мастерская")
    day = DateField(label="Дата", widget=DATE)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = org_people(organisation, *LOCAL_STAFF, Role.STUDENT)  # type: ignore[attr-defined]
        self.fields["workshop"].queryset = Workshop.objects.filter(organisation=organisation)  # type: ignore[attr-defined]


class QuestForm(forms.ModelForm):
    class Meta:
        model = Quest
        fields = ["season", "title", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        formfield_callback = model_date_formfield

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "Окончание квеста раньше его начала.")
        return data


class ConferenceForm(forms.Form):
    code = forms.ChoiceField(label="Конференция", choices=[])
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label="Организатор")
    held_on = DateField(label="Дата", widget=DATE)
    applications_until = DateField(label="Приём заявок до", widget=DATE)
    place = forms.CharField(label="Место", max_length=300, required=False)

    def __init__(self, *args: Any, organisers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = catalogue.choices("conferences")  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("held_on") and data.get("applications_until") and data["applications_until"] > data["held_on"]:
            self.add_error("applications_until", "Приём заявок должен закончиться не позже дня конференции.")
        return data


class ApplicationForm(forms.ModelForm):
    person = PersonChoice(Person.objects.none(), label="Участник")

    class Meta:
        model = ConferenceApplication
        fields = ["person", "kind", "title"]

    def __init__(self, *args: Any, organisation: Organisation | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisation is not None:
            people = org_people(organisation, *LOCAL_STAFF, Role.STUDENT)
            self.fields["person"].queryset = people  # type: ignore[attr-defined]


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "title"]
        widgets = {"starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


def topic_choices(person_id: int | None = None) -> list[tuple[str, str]]:
    """The source's topics: «Основная», «Управленческая» and one per workshop of the source; then the
    schools' own workshops the person takes part in (member, master, coordinator, librarian, director),
    whose codes are those of `workshops.reminders.workshop_topic`."""
    topics = catalogue.choices("topics")
    topics += [(f"workshop-{w.code}", w.name) for w in CatalogueWorkshop.objects.all()]
    if person_id:
        own = Workshop.objects.filter(catalogue__isnull=True).filter(
            Q(members__person_id=person_id)
            | Q(master_id=person_id)
            | Q(coordinator_id=person_id)
            | Q(librarian_id=person_id)
            | Q(director_id=person_id)
        )
        topics += [
            (f"workshop-own-{w.pk}", f"{w.name} ({w.organisation})")
            for w in own.distinct().select_related("organisation")
        ]
    return topics


class TopicsForm(forms.Form):
    topics = forms.MultipleChoiceField(
        choices=[], required=False, widget=forms.CheckboxSelectMultiple, label="Темы, о которых мне писать"
    )

    def __init__(self, *args: Any, person_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_choices(person_id)  # type: ignore[attr-defined]
