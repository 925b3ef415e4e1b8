"""Programmes and the reference data of mentoring: forms, variants, types, problems, traits.

Reference rows are loaded from the versioned YAML files in programmes/data/ by code
(see programmes/reference.py); an administrator can edit them in the admin.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class ReferenceItem(models.Model):
    code = models.SlugField("код", max_length=80, unique=True)
    name = models.CharField("название", max_length=300)
    description = models.TextField("описание", blank=True)
    order = models.PositiveIntegerField("порядок", default=0)
    source = models.CharField("источник", max_length=40, blank=True)
    is_active = models.BooleanField("используется", default=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class EligibilityRules(models.Model):
    """Hard rules of a form (PRODUCT.md §3); empty means "no rule"."""

    mentor_min_experience_years = models.PositiveSmallIntegerField(
        "минимальный стаж наставника, лет", null=True, blank=True
    )
    mentee_max_experience_years = models.PositiveSmallIntegerField(
        "максимальный стаж наставляемого, лет", null=True, blank=True
    )
    min_grade_gap = models.PositiveSmallIntegerField(
        "наставник старше наставляемого минимум на (классов)", null=True, blank=True
    )
    max_group_size = models.PositiveSmallIntegerField("максимальный размер группы", null=True, blank=True)

    class Meta:
        abstract = True


class ParticipantKind(models.TextChoices):
    STUDENT = "student", "Обучающийся"
    TEACHER = "teacher", "Педагог"
    EMPLOYER = "employer", "Работодатель"
    STUDENT_COLLEGE = "student_college", "Студент"
    TEAM = "team", "Команда"


class MentoringFormat(ReferenceItem, EligibilityRules):
    mentor_kind = models.CharField("кто наставник", max_length=20, choices=ParticipantKind.choices)
    mentee_kind = models.CharField("кто наставляемый", max_length=20, choices=ParticipantKind.choices)

    class Meta(ReferenceItem.Meta):
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"


class FormVariant(ReferenceItem, EligibilityRules):
    form = models.ForeignKey(MentoringFormat, verbose_name="форма", on_delete=models.CASCADE, related_name="variants")

    class Meta(ReferenceItem.Meta):
        verbose_name = "вариант формы"
        verbose_name_plural = "варианты форм"


class RoleModel(ReferenceItem):
    form = models.ForeignKey(
        MentoringFormat, verbose_name="форма", on_delete=models.CASCADE, related_name="role_models"
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = "ролевая модель"
        verbose_name_plural = "ролевые модели"


class InteractionVariant(ReferenceItem):
    form = models.ForeignKey(
        MentoringFormat,
        verbose_name="форма",
        on_delete=models.CASCADE,
        related_name="interaction_variants",
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = "вариант взаимодействия"
        verbose_name_plural = "варианты взаимодействия"


class MentoringType(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = "тип наставничества"
        verbose_name_plural = "типы наставничества"


class Audience(models.TextChoices):
    STUDENT = "student", "Обучающиеся"
    TEACHER = "teacher", "Педагоги"
    ANY = "any", "Все"


class ProblemCategory(ReferenceItem):
    audience = models.CharField("для кого", max_length=10, choices=Audience.choices, default=Audience.ANY)

    class Meta(ReferenceItem.Meta):
        verbose_name = "категория запроса (проблема)"
        verbose_name_plural = "категории запросов (проблемы)"


class TraitKind(models.TextChoices):
    QUALITY = "quality", "Качество"
    COMPETENCE = "competence", "Компетенция"


class MentorTrait(ReferenceItem):
    kind = models.CharField("вид", max_length=12, choices=TraitKind.choices)

    class Meta(ReferenceItem.Meta):
        verbose_name = "качество / компетенция наставника"
        verbose_name_plural = "качества и компетенции наставника"


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", "Черновик"
    APPROVED = "approved", "Утверждена"
    ACTIVE = "active", "Реализуется"
    FINISHED = "finished", "Завершена"


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> models.QuerySet[Programme]:
        from nastavnik.access.rules import access_for

        return access_for(user).filter_by_organisation(self, "organisation")


class Programme(models.Model):
    """A mentoring programme of an organisation (or a district) for one academic year."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.PROTECT, related_name="programmes"
    )
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="programmes"
    )
    title = models.CharField("название", max_length=300)
    status = models.CharField("статус", max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)
    curator = models.ForeignKey(
        "people.Person",
        verbose_name="куратор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curated_programmes",
    )
    # Passport, structure of source 002 Appendix 1.
    relevance = models.TextField("актуальность", blank=True)
    related_documents = models.TextField("взаимосвязь с другими документами организации", blank=True)
    goals = models.TextField("цель и задачи", blank=True)
    participants = models.TextField("участники", blank=True)
    resources = models.TextField("ресурсы", blank=True)
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    monitoring_frequency = models.CharField("периодичность мониторинга", max_length=200, blank=True)
    review_body = models.CharField("кто рассматривает результаты", max_length=200, blank=True)
    forms_description = models.TextField("формы наставничества", blank=True)
    indicators = models.TextField("показатели и критерии оценки результативности", blank=True)
    control = models.TextField("организация контроля и оценки", blank=True)
    starts_on = models.DateField("дата начала", null=True, blank=True)
    ends_on = models.DateField("дата окончания", null=True, blank=True)
    approved_on = models.DateField("дата утверждения", null=True, blank=True)
    approval_document = models.CharField("чем утверждена", max_length=200, blank=True)
    # The organisation's «Положение о наставничестве», referred to by the director's order.
    regulation_number = models.CharField(
        "номер приказа об утверждении положения о наставничестве", max_length=50, blank=True
    )
    regulation_date = models.DateField("дата утверждения положения о наставничестве", null=True, blank=True)
    # Project passport (002, Приложение 4): links to the national project and the funding.
    national_projects = models.TextField("взаимосвязь с национальным проектом «Образование»", blank=True)
    funding = models.TextField("источники финансирования", blank=True)
    # Nudges: the curator's board flags a pair after this many weeks without a meeting.
    nudge_weeks = models.PositiveSmallIntegerField("недель без встреч до напоминания", default=3)
    # Set on the programme a new academic year was carried over from.
    carried_from = models.ForeignKey(
        "self",
        verbose_name="продолжение программы",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "программа наставничества"
        verbose_name_plural = "программы наставничества"
        ordering = ["-academic_year__start_year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.academic_year})"


class ProgrammeFormat(EligibilityRules):
    """A form run by a programme, with its own rules (overriding the form's defaults)."""

    programme = models.ForeignKey(Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="forms")
    form = models.ForeignKey(MentoringFormat, verbose_name="форма", on_delete=models.PROTECT, related_name="+")
    variant = models.ForeignKey(
        FormVariant, verbose_name="вариант", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    types = models.ManyToManyField(MentoringType, verbose_name="типы", blank=True)
    role_model = models.ForeignKey(
        RoleModel, verbose_name="ролевая модель", null=True, blank=True, on_delete=models.SET_NULL
    )
    interaction_variant = models.ForeignKey(
        InteractionVariant,
        verbose_name="вариант взаимодействия",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    grades = models.CharField("параллели", max_length=100, blank=True, help_text="Например: 1, 10")

    class Meta:
        verbose_name = "форма в программе"
        verbose_name_plural = "формы в программе"
        constraints = [models.UniqueConstraint(fields=["programme", "form", "variant"], name="unique_programme_form")]

    def __str__(self) -> str:
        return f"{self.form.name} — {self.variant.name}" if self.variant_id and self.variant else self.form.name

    def rule(self, name: str) -> int | None:
        """A rule value: the programme's own, else the variant's, else the form's."""
        for source in (self, self.variant, self.form):
            value = getattr(source, name, None) if source is not None else None
            if value is not None:
                return int(value)
        return None


class ManagementFunction(models.TextChoices):
    """The curator's management cycle of source 002 (Приложение 5.2)."""

    PLANNING = "planning", "Планирование"
    ORGANISATION = "organisation", "Организация"
    MOTIVATION = "motivation", "Мотивация"
    COORDINATION = "coordination", "Координация"
    ANALYSIS_CONTROL = "analysis_control", "Анализ и контроль"


class ManagementTask(models.Model):
    """One activity of the management cycle of a programme, with the people who carry it out."""

    programme = models.ForeignKey(
        Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="management_tasks"
    )
    function = models.CharField("функция управления", max_length=20, choices=ManagementFunction.choices)
    title = models.TextField("мероприятия")
    responsible_text = models.CharField("кто реализует (как в источнике)", max_length=300, blank=True)
    responsible = models.ManyToManyField("people.Person", verbose_name="ответственные", blank=True, related_name="+")
    order = models.PositiveIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "мероприятие цикла управления"
        verbose_name_plural = "цикл управления программой"
        ordering = ["programme", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_function_display()}: {self.title[:60]}"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "Запланировано"
    IN_PROGRESS = "in_progress", "Выполняется"
    DONE = "done", "Выполнено"
    CANCELLED = "cancelled", "Отменено"


class RoadmapItem(models.Model):
    """An activity of a programme's roadmap / annual plan for its academic year, with real dates."""

    programme = models.ForeignKey(Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="roadmap")
    template_code = models.CharField("шаблон", max_length=60, blank=True)
    template_n = models.PositiveIntegerField("номер в шаблоне", null=True, blank=True)
    number = models.CharField("№", max_length=20, blank=True)
    stage = models.CharField("этап / раздел", max_length=300, blank=True)
    title = models.TextField("мероприятие")
    form_of_work = models.CharField("форма реализации", max_length=300, blank=True)
    participants = models.CharField("категория участников", max_length=300, blank=True)
    starts_on = models.DateField("начало")
    due_on = models.DateField("срок")
    period_text = models.CharField("сроки (как в шаблоне)", max_length=100, blank=True)
    responsible = models.ForeignKey(
        "people.Person",
        verbose_name="ответственный",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roadmap_items",
    )
    responsible_text = models.CharField("ответственный (как в шаблоне)", max_length=200, blank=True)
    result = models.TextField("ожидаемый результат", blank=True)
    status = models.CharField("статус", max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    evidence_file = models.FileField("подтверждение (файл)", upload_to="roadmap/%Y/%m/", blank=True)
    evidence_url = models.URLField("подтверждение (ссылка)", blank=True)
    order = models.PositiveIntegerField("порядок", default=0)
    done_on = models.DateField("выполнено", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "дорожная карта"
        ordering = ["programme", "starts_on", "order", "id"]
        indexes = [models.Index(fields=["programme", "due_on"]), models.Index(fields=["responsible", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("starts_on")), name="roadmap_due_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title[:80]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in {ItemStatus.PLANNED, ItemStatus.IN_PROGRESS} and self.due_on < today


class CalendarFeed(models.Model):
    """The secret address of a person's iCal feed; a new token revokes the old address."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "календарь (iCal)"
        verbose_name_plural = "календари (iCal)"
