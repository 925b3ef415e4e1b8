from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.common.dates import DateField
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.programmes.models import MentoringFormat, Programme
from nastavnik.surveys.models import Campaign, InstrumentVersion
from nastavnik.surveys.services import Audience

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: InstrumentVersion) -> str:
        mark = " (текст по умолчанию)" if obj.is_default_text else ""
        return f"{obj.instrument.title}, версия {obj.number}{mark}"


class BaselineChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Campaign) -> str:
        return f"{obj.title} — {obj.version.instrument.title}, {obj.organisation.short_name}, {obj.opens_on:%d.%m.%Y}"


def baseline_choices(organisations: QuerySet[Organisation]) -> QuerySet[Campaign]:
    """Campaigns of the managed organisations that an «after» campaign may compare itself with."""
    return (
        Campaign.objects.filter(organisation__in=organisations)
        .select_related("version__instrument", "organisation")
        .order_by("-opens_on", "-id")
    )


class CampaignForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Организация")
    version = VersionChoice(queryset=InstrumentVersion.objects.none(), label="Анкета / методика")
    title = forms.CharField(label="Название опроса", max_length=300)
    audience = forms.ChoiceField(label="Кого опрашиваем", choices=Audience.CHOICES)
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(), label="Программа (для наставников и наставляемых)", required=False
    )
    mentoring_form = forms.ModelChoiceField(
        queryset=MentoringFormat.objects.filter(is_active=True),
        label="Форма наставничества (для наставников и наставляемых)",
        required=False,
    )
    grade = forms.IntegerField(label="Параллель", min_value=1, max_value=11, required=False)
    class_letter = forms.CharField(label="Буква класса", max_length=2, required=False)
    anonymous = forms.BooleanField(label="Анонимный опрос (ответы не связываются с человеком)", required=False)
    yearly = forms.ChoiceField(
        label="Повторное участие в учебном году",
        choices=[
            ("", "по правилу методики"),
            ("once", "не чаще раза в учебный год: ответившие в этом году не приглашаются"),
            ("repeat", "без ограничения"),
        ],
        required=False,
        help_text="Методики «Мастерских роста» по умолчанию — не чаще раза в год по каждому методу.",
    )
    opens_on = DateField(label="Начало", widget=DATE, initial=datetime.date.today)
    closes_on = DateField(label="Окончание", widget=DATE)

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], programmes: QuerySet[Programme], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        latest = {}
        for version in InstrumentVersion.objects.select_related("instrument").order_by("instrument__title", "number"):
            latest[version.instrument_id] = version.pk
        current = InstrumentVersion.objects.filter(pk__in=latest.values()).select_related("instrument")
        self.fields["version"].queryset = current.order_by("instrument__title")  # type: ignore[attr-defined]
        if len(organisations[:2]) == 1:
            self.fields["organisation"].initial = organisations.first()
        self.fields["baseline"].queryset = baseline_choices(organisations)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "Опрос не может закончиться раньше, чем начнётся.")
        if data.get("audience") in {Audience.MENTEES, Audience.MENTORS}:
            programme, organisation = data.get("programme"), data.get("organisation")
            if programme is None:
                self.add_error("programme", "Выберите программу: наставников и наставляемых берём из её баз.")
            elif organisation and programme.organisation_id != organisation.pk:
                self.add_error("programme", "Программа относится к другой организации.")
        self._check_baseline(data)
        return data

    baseline = BaselineChoice(
        queryset=Campaign.objects.none(),
        label="Сравнить с опросом «до»",
        required=False,
        help_text="Для мониторинга «до — после»: более ранний опрос по той же анкете в этой организации.",
    )

    @staticmethod
    def once_per_year(data: dict[str, Any], version: InstrumentVersion) -> bool:
        choice = data.get("yearly") or ""
        if choice:
            return choice == "once"
        return bool(version.definition.get("once_per_year"))

    @staticmethod
    def yearly_override(data: dict[str, Any]) -> bool | None:
        """The campaign's `once_per_year`: None keeps the instrument's rule."""
        return {"once": True, "repeat": False}.get(data.get("yearly") or "")

    def _check_baseline(self, data: dict[str, Any]) -> None:
        baseline, version = data.get("baseline"), data.get("version")
        if baseline is None:
            return
        organisation, opens = data.get("organisation"), data.get("opens_on")
        if version and baseline.version.instrument_id != version.instrument_id:
            self.add_error("baseline", "Опрос «до» проводился по другой анкете: сравнивать можно только одну анкету.")
        elif organisation and baseline.organisation_id != organisation.pk:
            self.add_error("baseline", "Опрос «до» проводился в другой организации.")
        elif opens and baseline.opens_on > opens:
            self.add_error("baseline", "Опрос «до» должен начаться не позже этого опроса.")
        elif (
            version
            and opens
            and self.once_per_year(data, version)
            and AcademicYear.start_year_for(baseline.opens_on) == AcademicYear.start_year_for(opens)
        ):
            self.add_error(
                "baseline",
                f"«{version.instrument.title}» проводится не чаще раза в учебный год: ответившие «до» не будут "
                "приглашены снова. Для «до — после» в одном учебном году выберите анкету без этого ограничения.",
            )
