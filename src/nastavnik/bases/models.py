"""Mentor base and mentee base (базы наставников и наставляемых) with the mentee's request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Contour(models.TextChoices):
    INTERNAL = "internal", "Внутренний контур (из своей организации)"
    EXTERNAL = "external", "Внешний контур (партнёры, выпускники, родители)"


class TrainingStatus(models.TextChoices):
    NOT_TRAINED = "not_trained", "Не обучен"
    IN_TRAINING = "in_training", "Проходит обучение"
    TRAINED = "trained", "Обучен"


class StatusLevel(models.TextChoices):
    INITIAL = "initial", "Начальный"
    GOLD = "gold", "Золотой"
    PLATINUM = "platinum", "Платиновый"


class MentorBackground(models.TextChoices):
    """Who the mentor is; feeds indicators 2.2–2.6 of source 002 Appendix 2."""

    TEACHER = "teacher", "Педагог"
    GRADUATE = "graduate", "Выпускник"
    ENTERPRISE = "enterprise", "Сотрудник регионального предприятия"
    ENTREPRENEUR = "entrepreneur", "Успешный предприниматель / общественный деятель"
    NGO = "ngo", "Сотрудник НКО / участник региональных социальных проектов"
    STUDENT = "student", "Обучающийся"
    PARENT = "parent", "Родитель"
    OTHER = "other", "Другое"


class Admission(models.TextChoices):
    APPLIED = "applied", "Заявка подана"
    ADMITTED = "admitted", "Допущен"
    REJECTED = "rejected", "Не допущен"


class EntryQuerySet(models.QuerySet):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> models.QuerySet[Any]:
        from nastavnik.access.rules import access_for

        return access_for(user).filter_entries(self)


class BaseEntry(models.Model):
    person = models.ForeignKey("people.Person", verbose_name="человек", on_delete=models.CASCADE)
    programme = models.ForeignKey("programmes.Programme", verbose_name="программа", on_delete=models.CASCADE)
    programme_form = models.ForeignKey(
        "programmes.ProgrammeFormat",
        verbose_name="форма наставничества",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто создал",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True


class MentorEntry(BaseEntry):
    contour = models.CharField("контур", max_length=10, choices=Contour.choices, default=Contour.INTERNAL)
    partner_organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="организация-партнёр",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    background = models.CharField(
        "наставник из числа",
        max_length=16,
        choices=MentorBackground.choices,
        default=MentorBackground.TEACHER,
        help_text="Для показателей 2.2–2.6 мониторинга программы.",
    )
    qualities = models.ManyToManyField("programmes.MentorTrait", verbose_name="качества и компетенции", blank=True)
    capabilities = models.ManyToManyField(
        "programmes.ProblemCategory",
        verbose_name="с чем может помочь",
        blank=True,
        related_name="mentor_entries",
    )
    subjects = models.CharField("предметы", max_length=300, blank=True)
    interests = models.TextField("интересы, увлечения", blank=True)
    availability = models.CharField("удобное время встреч", max_length=200, blank=True)
    experience_years = models.PositiveSmallIntegerField("стаж, лет", null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(
        "сколько наставляемых может взять",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    takes_group = models.BooleanField("ведёт группу", default=False)
    # Mentees held by confirmed, fixed or active pairs; the CHECK below makes over-booking
    # impossible even when two curators confirm at the same moment.
    load = models.PositiveSmallIntegerField("занято мест", default=0, editable=False)
    training_status = models.CharField(
        "обучение наставников", max_length=16, choices=TrainingStatus.choices, default=TrainingStatus.NOT_TRAINED
    )
    status_level = models.CharField(
        "статус наставника", max_length=10, choices=StatusLevel.choices, default=StatusLevel.INITIAL
    )
    motivation = models.TextField("почему хочу быть наставником", blank=True)
    admission = models.CharField(
        "решение о допуске", max_length=10, choices=Admission.choices, default=Admission.APPLIED
    )
    admission_reason = models.TextField("обоснование решения", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто принял решение",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("дата решения", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "запись базы наставников"
        verbose_name_plural = "база наставников"
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "programme"], name="unique_mentor_per_programme"),
            models.CheckConstraint(
                condition=models.Q(load__lte=models.F("capacity")), name="mentor_load_within_capacity"
            ),
        ]
        indexes = [models.Index(fields=["programme", "admission"])]

    def __str__(self) -> str:
        return f"Наставник {self.person} — {self.programme}"

    @property
    def free_seats(self) -> int:
        return max(self.capacity - self.load, 0)


class MentorAssessment(models.Model):
    """Scores of one assessor in the mentor selection (source 002 §8)."""

    entry = models.ForeignKey(
        MentorEntry, verbose_name="кандидат", on_delete=models.CASCADE, related_name="assessments"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="эксперт", on_delete=models.PROTECT, related_name="+"
    )
    test_score = models.PositiveSmallIntegerField(
        "тестирование, баллов", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    case_score = models.PositiveSmallIntegerField(
        "решение кейсов, баллов", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    sheet_score = models.PositiveSmallIntegerField(
        "оценочный лист, баллов", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    comment = models.TextField("комментарий", blank=True)
    created_at = models.DateTimeField("дата", auto_now_add=True)

    class Meta:
        verbose_name = "оценка кандидата в наставники"
        verbose_name_plural = "оценки кандидатов в наставники"
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["entry", "assessor"], name="one_assessment_per_assessor")]

    @property
    def total(self) -> int:
        return sum(v for v in (self.test_score, self.case_score, self.sheet_score) if v is not None)


class PreferredFormat(models.TextChoices):
    OFFLINE = "offline", "Очно"
    ONLINE = "online", "Дистанционно"
    MIXED = "mixed", "Смешанно"


class Activity(models.TextChoices):
    ACTIVE = "active", "Активный (сам ищет помощь)"
    PASSIVE = "passive", "Пассивный (выявлен педагогами)"


class ReferredBy(models.TextChoices):
    SELF = "self", "Сам"
    TEACHER = "teacher", "Педагог / классный руководитель"
    PARENT = "parent", "Родитель"
    CURATOR = "curator", "Куратор"
    PSYCHOLOGIST = "psychologist", "Педагог-психолог"


class MenteeStatus(models.TextChoices):
    WAITING = "waiting", "Ожидает наставника"
    MATCHED = "matched", "В паре / группе"
    COMPLETED = "completed", "Завершил программу"
    WITHDRAWN = "withdrawn", "Выбыл"


class MenteeEntry(BaseEntry):
    """A mentee in the base, with the request (запрос) — the map of request of source 003."""

    problems = models.ManyToManyField(
        "programmes.ProblemCategory",
        verbose_name="проблемы (категории запроса)",
        related_name="mentee_entries",
    )
    area = models.CharField("сфера запроса", max_length=200, blank=True)
    goal = models.TextField("цель: чего хочу достичь")
    desired_result = models.TextField("желаемый результат", blank=True)
    preferred_format = models.CharField(
        "формат встреч", max_length=10, choices=PreferredFormat.choices, default=PreferredFormat.OFFLINE
    )
    preferred_time = models.CharField("удобное время", max_length=200, blank=True)
    interests = models.CharField("интересы, увлечения", max_length=300, blank=True)
    activity = models.CharField("активность", max_length=10, choices=Activity.choices, default=Activity.ACTIVE)
    referred_by = models.CharField("кто направил", max_length=16, choices=ReferredBy.choices, default=ReferredBy.SELF)
    status = models.CharField("статус", max_length=10, choices=MenteeStatus.choices, default=MenteeStatus.WAITING)
    comment = models.TextField("комментарий куратора", blank=True)
    # Set when a pair is dissolved: the mentee goes first in the next matching run.
    priority = models.BooleanField("в приоритете при следующем подборе", default=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "запись базы наставляемых"
        verbose_name_plural = "база наставляемых"
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "programme"], name="unique_mentee_per_programme")]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"Наставляемый {self.person} — {self.programme}"


class MentorLevelRule(models.Model):
    """When a mentor reaches a status level: completed pairs, average meeting rating, training (editable)."""

    level = models.CharField("статус", max_length=10, choices=StatusLevel.choices, unique=True)
    min_completed_pairs = models.PositiveSmallIntegerField("завершённых пар, не меньше", default=0)
    min_average_rating = models.FloatField("средняя оценка встреч, не меньше", null=True, blank=True)
    requires_training = models.BooleanField("нужно пройти обучение", default=False)

    class Meta:
        verbose_name = "правило статуса наставника"
        verbose_name_plural = "правила статусов наставников"

    def __str__(self) -> str:
        return self.get_level_display()
