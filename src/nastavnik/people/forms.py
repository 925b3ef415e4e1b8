from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.common.dates import DateField
from nastavnik.common.limits import BoundedNumbersMixin
from nastavnik.orgs.models import Membership, Organisation, Role
from nastavnik.people.models import SELF_CONSENT_AGE, Consent, ConsentGiver, Person, SensitiveInfo

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERSON_ROLES = [
    (Role.STUDENT, Role.STUDENT.label),
    (Role.TEACHER, Role.TEACHER.label),
    (Role.PARENT, Role.PARENT.label),
    (Role.EXTERNAL, Role.EXTERNAL.label),
]


def validate_birth_date(value: datetime.date | None) -> None:
    if value is None:
        return
    today = datetime.date.today()
    if value > today:
        raise forms.ValidationError("Дата рождения не может быть в будущем.")
    if value.year < today.year - 100:
        raise forms.ValidationError("Проверьте год рождения.")


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["last_name", "first_name", "middle_name", "birth_date", "email", "phone"]
        field_classes = {"birth_date": DateField}
        widgets = {"birth_date": DATE_WIDGET}

    def clean_birth_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("birth_date")
        validate_birth_date(value)
        return value

    def check_minimal_fields(self, has_consent: bool) -> None:
        """Without consent only the name, birth date and class may be stored (152-ФЗ)."""
        if has_consent:
            return
        for name in ("email", "phone"):
            if self.cleaned_data.get(name):
                self.add_error(
                    name,
                    "Без согласия на обработку персональных данных контакты хранить нельзя: "
                    "оформите согласие или оставьте поле пустым.",
                )


class MembershipForm(BoundedNumbersMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Организация")
    role = forms.ChoiceField(choices=PERSON_ROLES, label="Роль в организации")

    class Meta:
        model = Membership
        fields = [
            "organisation",
            "role",
            "grade",
            "class_letter",
            "position",
            "subjects",
            "experience_years",
            "category",
        ]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.STUDENT:
            grade = data.get("grade")
            if grade is None:
                self.add_error("grade", "Для обучающегося укажите класс (параллель).")
            elif not 1 <= grade <= 11:
                self.add_error("grade", "Класс должен быть от 1 до 11.")
        letter = (data.get("class_letter") or "").strip().upper()
        if letter and not letter.isalpha():
            self.add_error("class_letter", "Буква класса — одна или две буквы, например «А».")
        data["class_letter"] = letter
        return data


class ConsentForm(forms.Form):
    given_on = DateField(label="Дата согласия", widget=DATE_WIDGET)
    given_by = forms.ChoiceField(label="Кто дал согласие", choices=ConsentGiver.choices)
    guardian_name = forms.CharField(label="ФИО родителя / законного представителя", required=False, max_length=300)
    document = forms.CharField(label="Реквизиты документа", required=False, max_length=200)

    def __init__(self, *args: Any, person: Person | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_given_on(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["given_on"]
        if value > datetime.date.today():
            raise forms.ValidationError("Дата согласия не может быть в будущем.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        minor = False
        if self.person is not None:
            minor = self.person.needs_guardian_consent
        elif self.data.get("birth_date"):
            birth = self.data.get("birth_date")
            try:
                born = datetime.date.fromisoformat(str(birth))
                minor = Person(birth_date=born).needs_guardian_consent
            except ValueError:
                minor = False
        if minor and data.get("given_by") == ConsentGiver.SELF:
            self.add_error(
                "given_by",
                f"Человеку нет {SELF_CONSENT_AGE} лет: согласие даёт родитель или законный представитель.",
            )
        if data.get("given_by") == ConsentGiver.PARENT and not data.get("guardian_name"):
            self.add_error("guardian_name", "Укажите ФИО родителя или законного представителя.")
        return data


class OptionalConsentForm(ConsentForm):
    """The consent part of the "new person" form: filled only when consent was obtained."""

    obtained = forms.BooleanField(label="Согласие на обработку персональных данных получено", required=False)

    field_order = ["obtained", "given_on", "given_by", "guardian_name", "document"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("given_on", "given_by"):
            self.fields[name].required = False

    def full_clean(self) -> None:
        if self.is_bound and not self.data.get(self.add_prefix("obtained")):
            self.cleaned_data = {"obtained": False}
            self._errors = forms.utils.ErrorDict()
            return
        super().full_clean()
        if self.is_bound:
            for name in ("given_on", "given_by"):
                if not self.cleaned_data.get(name) and name not in self.errors:
                    self.add_error(name, "Обязательное поле.")

    def consent_data(self) -> dict[str, Any] | None:
        if not self.cleaned_data.get("obtained"):
            return None
        return {key: self.cleaned_data.get(key) or "" for key in ("given_on", "given_by", "guardian_name", "document")}


class SensitiveInfoForm(forms.ModelForm):
    class Meta:
        model = SensitiveInfo
        fields = ["disability", "difficult_situation", "on_register", "health_notes"]


class RevokeConsentForm(forms.Form):
    consent = forms.ModelChoiceField(queryset=Consent.objects.none(), label="Согласие")
    revoked_on = DateField(label="Дата отзыва", widget=DATE_WIDGET, initial=datetime.date.today)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = person.consents.filter(revoked_on__isnull=True)  # type: ignore[attr-defined]
