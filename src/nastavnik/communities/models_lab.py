"""The preschool «Лаборатория профессиональных компетенций» (004 §3.6): express survey, mentor map, pairs."""

from __future__ import annotations

import datetime

from django.db import models


class LabSurvey(models.Model):
    """One year of the lab: the express survey of kindergartens and the annual report (due 01.06)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    campaign = models.OneToOneField(
        "surveys.Campaign", verbose_name="экспресс-опрос", null=True, blank=True, on_delete=models.SET_NULL
    )
    report = models.TextField("отчёт за год", blank=True)
    report_submitted_on = models.DateField("отчёт сдан", null=True, blank=True)

    class Meta:
        verbose_name = "год лаборатории"
        verbose_name_plural = "лаборатория профессиональных компетенций"
        ordering = ["-academic_year__start_year", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "academic_year"], name="lab_once_a_year")]

    def __str__(self) -> str:
        return f"Лаборатория профессиональных компетенций, {self.academic_year}"

    @property
    def report_due(self) -> datetime.date:
        """«Отчетная документация … ежегодно до 01.06» (004 §3.6)."""
        return datetime.date(self.academic_year.start_year + 1, 6, 1)


class LabRole(models.TextChoices):
    MENTOR = "mentor", "наставник"
    MENTEE = "mentee", "ученик"


class LabParticipant(models.Model):
    """A teacher's declared potential from the express survey: mentor or mentee on a competence topic."""

    lab = models.ForeignKey(LabSurvey, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name="учреждение", on_delete=models.CASCADE)
    role = models.CharField("роль", max_length=8, choices=LabRole.choices)
    topic = models.CharField("тема (компетенция)", max_length=200)

    class Meta:
        ordering = ["topic", "organisation__short_name", "person__last_name", "id"]
        constraints = [models.UniqueConstraint(fields=["lab", "person", "role", "topic"], name="lab_participant_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.topic})"


class LabForm(models.TextChoices):
    MASTER_CLASS = "master_class", "мастер-класс"
    CONSULTATION = "consultation", "консультация"
    PRACTICUM = "practicum", "консультация-практикум"


class LabPair(models.Model):
    lab = models.ForeignKey(LabSurvey, on_delete=models.CASCADE, related_name="pairs")
    mentor = models.ForeignKey(LabParticipant, verbose_name="наставник", on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(LabParticipant, verbose_name="ученик", on_delete=models.CASCADE, related_name="+")
    form = models.CharField("форма", max_length=16, choices=LabForm.choices, default=LabForm.CONSULTATION)
    created_on = models.DateField("создана", default=datetime.date.today)

    class Meta:
        ordering = ["-created_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["mentor", "mentee"], name="lab_pair_once")]


class StepSide(models.TextChoices):
    MENTOR = "mentor", "алгоритм наставника"
    MENTEE = "mentee", "алгоритм ученика"


class LabStep(models.Model):
    pair = models.ForeignKey(LabPair, on_delete=models.CASCADE, related_name="steps")
    side = models.CharField(max_length=8, choices=StepSide.choices)
    order = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    done_on = models.DateField("выполнен", null=True, blank=True)

    class Meta:
        ordering = ["side", "order"]
