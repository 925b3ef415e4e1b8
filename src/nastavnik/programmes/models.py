"""Programmes and the reference data of mentoring: forms, variants, types, problems, traits.

Reference rows are loaded from the versioned YAML files in programmes/data/ by code
(see programmes/reference.py); an administrator can edit them in the admin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

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


class MentoringForm(ReferenceItem, EligibilityRules):
    mentor_kind = models.CharField("кто наставник", max_length=20, choices=ParticipantKind.choices)
    mentee_kind = models.CharField("кто наставляемый", max_length=20, choices=ParticipantKind.choices)

    class Meta(ReferenceItem.Meta):
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"


class FormVariant(ReferenceItem, EligibilityRules):
    form = models.ForeignKey(MentoringForm, verbose_name="форма", on_delete=models.CASCADE, related_name="variants")

    class Meta(ReferenceItem.Meta):
        verbose_name = "вариант формы"
        verbose_name_plural = "варианты форм"


class RoleModel(ReferenceItem):
    form = models.ForeignKey(MentoringForm, verbose_name="форма", on_delete=models.CASCADE, related_name="role_models")

    class Meta(ReferenceItem.Meta):
        verbose_name = "ролевая модель"
        verbose_name_plural = "ролевые модели"


class InteractionVariant(ReferenceItem):
    form = models.ForeignKey(
        MentoringForm,
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
        from nastavnik.core.access import access_for

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
    goals = models.TextField("цель и задачи", blank=True)
    participants = models.TextField("участники", blank=True)
    resources = models.TextField("ресурсы", blank=True)
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    monitoring_frequency = models.CharField("периодичность мониторинга", max_length=200, blank=True)
    review_body = models.CharField("кто рассматривает результаты", max_length=200, blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "программа наставничества"
        verbose_name_plural = "программы наставничества"
        ordering = ["-academic_year__start_year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.academic_year})"


class ProgrammeForm(EligibilityRules):
    """A form run by a programme, with its own rules (overriding the form's defaults)."""

    programme = models.ForeignKey(Programme, verbose_name="программа", on_delete=models.CASCADE, related_name="forms")
    form = models.ForeignKey(MentoringForm, verbose_name="форма", on_delete=models.PROTECT, related_name="+")
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
