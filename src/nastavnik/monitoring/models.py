"""Monitoring of a programme by the indicators of source 002 Appendix 2.

- Snapshot: the values of every indicator for one organisation on one date, frozen when saved,
  so that a later correction of the data does not rewrite a report already submitted.
- ManualValue: a value entered by hand (with a comment), append-only: the rows are its history.
- Target: the planned value of an indicator for the year (absolute or growth in per cent).
- Event: a scientific-practical event held or attended by the organisation (feeds group 4).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from nastavnik.monitoring.indicators import BY_CODE

MAX_COUNT = 1_000_000


def validate_code(code: str) -> None:
    """Codes come from indicators.yaml (not model choices, so editing a name needs no migration)."""
    if code not in BY_CODE:
        raise ValidationError(f"Нет показателя с кодом «{code}».")


class SnapshotKind(models.TextChoices):
    START = "start", "На дату начала"
    INTERIM = "interim", "Промежуточный"
    FINAL = "final", "Итоговый"


class SnapshotImmutable(Exception):
    """A stored snapshot is never changed."""


class SnapshotQuerySet(models.QuerySet["Snapshot"]):
    def update(self, **kwargs: Any) -> int:
        raise SnapshotImmutable("Сохранённый срез показателей не изменяется.")


class Snapshot(models.Model):
    """Values of all indicators on a date: {code: {"value": int | None, "source": str, "comment": str}}."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("срез", max_length=10, choices=SnapshotKind.choices)
    date = models.DateField("на дату")
    values = models.JSONField("значения показателей", default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто сохранил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("когда сохранён", auto_now_add=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = "срез показателей"
        verbose_name_plural = "срезы показателей"
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "academic_year", "kind"],
                condition=models.Q(kind__in=["start", "final"]),
                name="one_start_and_one_final_snapshot",
            )
        ]
        indexes = [models.Index(fields=["organisation", "academic_year", "kind"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SnapshotImmutable("Сохранённый срез показателей не изменяется.")
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        if self.kind == SnapshotKind.START:
            return f"Срез на дату начала ({self.date:%d.%m.%Y})"
        return f"{self.get_kind_display()} срез на {self.date:%d.%m.%Y}"


class ManualValue(models.Model):
    """A value entered by hand; the latest one dated on or before a date is used for that date.

    An empty value returns the indicator to the calculated one from its date on.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("показатель", max_length=8, validators=[validate_code])
    value = models.PositiveIntegerField("значение", null=True, blank=True, validators=[MaxValueValidator(MAX_COUNT)])
    on_date = models.DateField("на дату")
    comment = models.TextField("комментарий")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто ввёл", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField("когда введено", auto_now_add=True)

    class Meta:
        verbose_name = "значение показателя, введённое вручную"
        verbose_name_plural = "значения показателей, введённые вручную"
        ordering = ["-on_date", "-entered_at", "-id"]
        indexes = [models.Index(fields=["organisation", "academic_year", "code"])]

    def __str__(self) -> str:
        shown = "расчёт" if self.value is None else self.value
        return f"{self.code}: {shown} на {self.on_date:%d.%m.%Y}"


class TargetKind(models.TextChoices):
    ABSOLUTE = "absolute", "Значение не меньше"
    GROWTH = "growth", "Рост к началу, %"


class Target(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("показатель", max_length=8, validators=[validate_code])
    kind = models.CharField("вид цели", max_length=10, choices=TargetKind.choices, default=TargetKind.ABSOLUTE)
    value = models.PositiveIntegerField("значение", validators=[MaxValueValidator(MAX_COUNT)])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто задал", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("когда задана", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "цель по показателю"
        verbose_name_plural = "цели по показателям"
        ordering = ["organisation", "academic_year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "academic_year", "code"], name="one_target_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"

    @property
    def label(self) -> str:
        return f"+{self.value} %" if self.kind == TargetKind.GROWTH else f"не менее {self.value}"

    def is_met(self, start: int | None, result: int | None) -> bool | None:
        """None when it cannot be judged: no value, or growth from zero (per cent undefined)."""
        if result is None:
            return None
        if self.kind == TargetKind.ABSOLUTE:
            return result >= self.value
        if not start:
            return None
        return (result - start) * 100 >= self.value * start


class EventKind(models.TextChoices):
    HELD = "held", "Проведено организацией"
    ATTENDED = "attended", "Участие в мероприятии другой организации"


class EventLevel(models.TextChoices):
    SCHOOL = "school", "Уровень организации"
    MUNICIPAL = "municipal", "Муниципальный"
    REGIONAL = "regional", "Региональный"
    FEDERAL = "federal", "Всероссийский"


# Indicator 4.5 counts practices reviewed at these levels.
REVIEW_LEVELS = (EventLevel.REGIONAL, EventLevel.FEDERAL)


class Event(models.Model):
    """A scientific-practical event on mentoring (научно-практическое мероприятие), indicators 4.1–4.5."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("название", max_length=300)
    date = models.DateField("дата")
    kind = models.CharField("участие", max_length=10, choices=EventKind.choices, default=EventKind.HELD)
    level = models.CharField("уровень", max_length=10, choices=EventLevel.choices, default=EventLevel.SCHOOL)
    host = models.CharField("кто проводил", max_length=300, blank=True)
    participants = models.PositiveIntegerField(
        "участников всего",
        default=0,
        validators=[MaxValueValidator(MAX_COUNT)],
        help_text="Для проведённого мероприятия — все участники (4.4); для участия в чужом — участники от организации.",
    )
    staff_participants = models.PositiveIntegerField(
        "из них педагогических работников организации", default=0, validators=[MaxValueValidator(MAX_COUNT)]
    )
    partner_participants = models.PositiveIntegerField(
        "из них представителей предприятий, предпринимателей, НКО — участников наставнических пар организации",
        default=0,
        validators=[MaxValueValidator(MAX_COUNT)],
    )
    practices_approved = models.PositiveIntegerField(
        "представлено практик наставничества с положительной профессионально-общественной экспертизой",
        default=0,
        validators=[MaxValueValidator(MAX_COUNT)],
    )
    practices_level = models.CharField(
        "уровень экспертизы практик", max_length=10, choices=EventLevel.choices, blank=True
    )
    notes = models.TextField("примечание", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто внёс", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("когда внесено", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "научно-практическое мероприятие"
        verbose_name_plural = "научно-практические мероприятия"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organisation", "academic_year", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participants__gte=models.F("staff_participants") + models.F("partner_participants")),
                name="event_participants_cover_parts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d.%m.%Y})"


class JobKind(models.TextChoices):
    REPORT_DOCX = "report_docx", "Отчёт о реализации программы (DOCX)"
    REPORT_PDF = "report_pdf", "Отчёт о реализации программы (PDF)"
    INDICATORS_XLSX = "indicators_xlsx", "Таблица показателей, Приложение 2 (XLSX)"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "В очереди"
    RUNNING = "running", "Формируется"
    DONE = "done", "Готово"
    FAILED = "failed", "Ошибка"


FINISHED_STATUSES = (JobStatus.DONE, JobStatus.FAILED)


class ReportJob(models.Model):
    """A document generated in the background (or at once when it is small), with its progress and file.

    The file is a report on the organisation's data: it is served only through a view that checks
    the owner (or the organisation's management), never by its media URL.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто заказал", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("документ", max_length=20, choices=JobKind.choices)
    status = models.CharField("состояние", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("готовность, %", default=0, validators=[MaxValueValidator(100)])
    message = models.CharField("что делается", max_length=300, blank=True)
    organisations = models.PositiveIntegerField("организаций в отчёте", default=1)
    in_background = models.BooleanField("в фоне", default=True)
    file = models.FileField("файл", upload_to="reports/%Y/%m/", blank=True)
    filename = models.CharField("имя файла", max_length=200, blank=True)
    error = models.TextField("ошибка", blank=True)
    # The generation of the indicators' data (`common.changes.INDICATORS`) when the job was ordered: an
    # indicator table ordered again by the same user while it has not moved is the same file.
    data_version = models.BigIntegerField("поколение данных", default=0)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    started_at = models.DateTimeField("начато", null=True, blank=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)

    class Meta:
        verbose_name = "формирование отчёта"
        verbose_name_plural = "формирование отчётов"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def is_copy(self) -> bool:
        """A finished job whose file is a copy of an earlier one (`jobs._copy`): its message says so
        instead of the plain «Готово» of a job made by the generator."""
        return self.status == JobStatus.DONE and self.message != JobStatus.DONE.label

    @property
    def seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
