"""Forms of the programme pages: passport, status, management cycle, roadmap items, evidence."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from nastavnik.common.dates import DateField
from nastavnik.common.uploads import accept_attribute, validate_upload
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.people.models import Person
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import (
    ItemStatus,
    ManagementFunction,
    ManagementTask,
    MentoringFormat,
    Programme,
    ProgrammeStatus,
    RoadmapItem,
)

DATE_WIDGET = {"type": "date"}
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def date_field(label: str, *, required: bool = True) -> DateField:
    return DateField(label=label, required=required, widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"))


def check_range(value: datetime.date | None) -> None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValidationError("Дата должна быть между 01.01.2000 и 31.12.2100.")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


# -- passport ------------------------------------------------------------------------------

# Order of source 002, Приложение 1: relevance, goals and tasks, forms and participants,
# resources, expected results, indicators, control and its frequency and body, term.
PASSPORT_FIELDS = [
    "relevance",
    "related_documents",
    "goals",
    "forms_description",
    "participants",
    "resources",
    "expected_results",
    "indicators",
    "control",
    "monitoring_frequency",
    "review_body",
    "starts_on",
    "ends_on",
    "national_projects",
    "funding",
    "regulation_number",
    "regulation_date",
]
PASSPORT_LABELS = {
    "relevance": "Актуальность разработки программы наставничества",
    "related_documents": "Взаимосвязь с другими документами организации",
    "goals": "Цель и задачи программы наставничества",
    "forms_description": "Применяемые формы наставничества и технологии",
    "participants": "Основные участники программы и их функции",
    "resources": "Ресурсы программы (кадровые, методические, материально-технические)",
    "expected_results": "Ожидаемые результаты",
    "indicators": "Показатели и критерии оценки результативности",
    "control": "Организация контроля и оценки",
    "monitoring_frequency": "Периодичность оценки (мониторинга)",
    "review_body": "Где рассматриваются результаты оценки",
    "starts_on": "Срок реализации: начало",
    "ends_on": "Срок реализации: окончание",
    "national_projects": "Взаимосвязь с национальным проектом «Образование» (для паспорта проекта)",
    "funding": "Источники финансирования (для паспорта проекта)",
    "regulation_number": "Положение о наставничестве: номер приказа об утверждении",
    "regulation_date": "Положение о наставничестве: дата приказа об утверждении",
}
PASSPORT_HELP = {
    "monitoring_frequency": "Например: текущий контроль — 1 раз в месяц на совещании при директоре.",
    "review_body": "Например: педагогический совет, посвящённый теме наставничества.",
    "starts_on": "Пусто — с 1 сентября учебного года.",
    "ends_on": "Пусто — по 31 августа учебного года.",
    "related_documents": (
        "Как программа связана с программой развития, основной образовательной программой, планом "
        "воспитательной работы, проектами «Современная школа», «Успех каждого ребёнка» и др."
    ),
    "regulation_number": "Приказ о закреплении пар ссылается на положение о наставничестве организации.",
}


class PassportForm(forms.ModelForm):
    """The programme's head fields and its passport (002, Приложение 1); forms are chosen from the reference."""

    mentoring_forms = forms.ModelMultipleChoiceField(
        label="Формы наставничества в программе",
        queryset=MentoringFormat.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Programme
        fields = ["organisation", "academic_year", "title", "curator", *PASSPORT_FIELDS, "nudge_weeks"]
        field_classes = {"starts_on": DateField, "ends_on": DateField, "regulation_date": DateField}
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "relevance",
                    "related_documents",
                    "goals",
                    "forms_description",
                    "participants",
                    "resources",
                    "expected_results",
                    "indicators",
                    "control",
                    "national_projects",
                    "funding",
                )
            },
            "starts_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "regulation_date": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        }
        labels = {**PASSPORT_LABELS, "title": "Название программы", "nudge_weeks": "Недель без встреч до напоминания"}
        help_texts = PASSPORT_HELP

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation] | None = None,
        staff: QuerySet[Person] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].queryset = AcademicYear.objects.order_by("-start_year")  # type: ignore[attr-defined]
        active = MentoringFormat.objects.filter(is_active=True).order_by("order", "name")
        self.fields["mentoring_forms"].queryset = active  # type: ignore[attr-defined]
        if organisations is None:
            # Editing: the organisation is fixed, the curator is one of its staff.
            del self.fields["organisation"]
            self.fields["curator"] = PersonChoiceField(
                label="Куратор программы",
                queryset=staff if staff is not None else Person.objects.none(),
                required=False,
            )
            self.fields["curator"].initial = self.instance.curator_id
            self.fields["mentoring_forms"].initial = list(self.instance.forms.values_list("form_id", flat=True))
        else:
            # Creating: the creator becomes the curator when they are one; the edit page changes it.
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
            if organisations.count() == 1:
                self.fields["organisation"].initial = organisations.first()
            del self.fields["curator"]
            self.fields["academic_year"].initial = AcademicYear.current()
        self.order_fields(["organisation", "academic_year", "title", "curator", "mentoring_forms", *PASSPORT_FIELDS])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        for name in ("starts_on", "ends_on", "regulation_date"):
            try:
                check_range(data.get(name))
            except ValidationError as error:
                self.add_error(name, error)
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Окончание не может быть раньше начала.")
        return data


class StatusForm(forms.Form):
    """The director's decision: approve a draft (with the date and the document), start, finish."""

    to = forms.ChoiceField(choices=ProgrammeStatus.choices)
    approved_on = date_field("Дата утверждения", required=False)
    approval_document = forms.CharField(label="Чем утверждена", max_length=200, required=False)

    def clean_approved_on(self) -> datetime.date | None:
        value = self.cleaned_data.get("approved_on")
        check_range(value)
        return value


# -- management cycle -----------------------------------------------------------------------


class ManagementTaskForm(forms.ModelForm):
    class Meta:
        model = ManagementTask
        fields = ["function", "title", "responsible", "responsible_text", "order"]
        widgets = {"title": forms.Textarea(attrs={"rows": 5})}
        labels = {
            "function": "Функция управления программой наставничества",
            "title": "Необходимые мероприятия",
            "responsible": "Ответственные",
            "responsible_text": "Кто реализует (роли)",
            "order": "Порядок",
        }

    def __init__(self, *args: Any, staff: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["function"].choices = ManagementFunction.choices  # type: ignore[attr-defined]
        self.fields["responsible"] = PeopleChoiceField(
            label="Ответственные", queryset=staff, required=False, widget=forms.CheckboxSelectMultiple
        )


# -- roadmap --------------------------------------------------------------------------------


class InstantiateForm(forms.Form):
    template = forms.ChoiceField(label="Шаблон дорожной карты")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t.code, t.label) for t in roadmap.instantiable_templates()]  # type: ignore[attr-defined]


class RoadmapItemForm(forms.ModelForm):
    class Meta:
        model = RoadmapItem
        fields = [
            "stage",
            "number",
            "title",
            "form_of_work",
            "starts_on",
            "due_on",
            "responsible",
            "responsible_text",
            "participants",
            "result",
        ]
        field_classes = {"starts_on": DateField, "due_on": DateField}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "due_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "stage": forms.TextInput(attrs={"list": "stages"}),
        }
        labels = {
            "stage": "Этап / раздел",
            "number": "№",
            "title": "Наименование мероприятия",
            "form_of_work": "Форма реализации",
            "starts_on": "Начало",
            "due_on": "Срок (окончание)",
            "responsible": "Ответственный",
            "responsible_text": "Ответственные (как в плане)",
            "participants": "Категория(-и) участников",
            "result": "Ожидаемый результат",
        }

    def __init__(self, *args: Any, staff: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"] = PersonChoiceField(label="Ответственный", queryset=staff, required=False)
        if self.instance.pk:
            self.fields["responsible"].initial = self.instance.responsible_id

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, due = data.get("starts_on"), data.get("due_on")
        for name in ("starts_on", "due_on"):
            try:
                check_range(data.get(name))
            except ValidationError as error:
                self.add_error(name, error)
        if starts and due and due < starts:
            self.add_error("due_on", "Срок не может быть раньше начала.")
        return data


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label="Статус", choices=ItemStatus.choices)


class AssignForm(forms.Form):
    def __init__(self, *args: Any, staff: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"] = PersonChoiceField(
            label="Ответственный", queryset=staff, required=False, empty_label="— не назначен —"
        )


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Файл", required=False)
    url = forms.URLField(label="или ссылка", required=False, assume_scheme="https", max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = accept_attribute()

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            validate_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("file") and not data.get("url"):
            raise ValidationError("Приложите файл или укажите ссылку на подтверждение.")
        return data


class RoadmapFilterForm(forms.Form):
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "Все"), *ItemStatus.choices])
    responsible = forms.ChoiceField(label="Ответственный", required=False)
    overdue = forms.BooleanField(label="Только просроченные", required=False)

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [  # type: ignore[attr-defined]
            ("", "Все"),
            ("none", "Не назначен"),
            *((str(p.pk), p.full_name) for p in people),
        ]


class ProgrammeFilterForm(forms.Form):
    year = forms.ChoiceField(label="Учебный год", required=False)
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "Все"), *ProgrammeStatus.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = AcademicYear.objects.order_by("-start_year")
        self.fields["year"].choices = [("all", "Все годы"), *((str(y.start_year), y.name) for y in years)]  # type: ignore[attr-defined]
