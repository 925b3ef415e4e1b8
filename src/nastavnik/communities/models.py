"""Professional communities (ПРОкомьюнити, source 004 §2.3): members, asset roles, events, materials, cascade.

The leader and the curator are object-level roles (fields of the community), not organisation roles.
A community belongs to the organisation that coordinates it (a methodological centre or a district):
its staff and the coordinators above it manage it.
"""

from __future__ import annotations

import datetime

from django.db import models

from nastavnik.communities.models_lab import LabForm, LabPair, LabParticipant, LabRole, LabStep, LabSurvey, StepSide
from nastavnik.communities.models_reserve import (
    Competence,
    CompetenceRating,
    CompetitionResult,
    ReserveCycle,
    ReserveEntry,
    ReserveStage,
    ReserveStatus,
)

# «СООБЩЕСТВО — это группа людей, состоящая из пяти и более человек» (004, the definition).
MIN_MEMBERS = 5

__all__ = [
    "MIN_MEMBERS",
    "AssetRole",
    "Attendance",
    "Community",
    "CommunityEvent",
    "CommunityReport",
    "Competence",
    "CompetenceRating",
    "CompetitionResult",
    "EventFormat",
    "LabForm",
    "LabPair",
    "LabParticipant",
    "LabRole",
    "LabStep",
    "LabSurvey",
    "Material",
    "Member",
    "ReserveCycle",
    "ReserveEntry",
    "ReserveStage",
    "ReserveStatus",
    "SelfCheck",
    "StepSide",
    "Training",
]


class AssetRole(models.TextChoices):
    """Roles of the community asset, in the order of 004 («лидеров изменений; педагогов – наставников…»)."""

    NONE = "", "участник"
    CHANGE_LEADER = "change_leader", "лидер изменений"
    MENTOR = "mentor", "педагог-наставник"
    TUTOR = "tutor", "тьютор"
    COACH = "coach", "коуч"
    EXPERT = "expert", "эксперт"
    ORGANISER = "organiser", "организатор деятельности сообщества"
    ACTIVATOR = "activator", "активатор"
    CONSULTANT = "consultant", "консультант"


class Community(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="координирующая организация", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("название", max_length=200)
    topic = models.CharField("направление", max_length=300, blank=True)
    leader = models.ForeignKey(
        "people.Person", verbose_name="лидер сообщества", on_delete=models.PROTECT, related_name="led_communities"
    )
    curator = models.ForeignKey(
        "people.Person",
        verbose_name="куратор (назначен центром)",
        on_delete=models.PROTECT,
        related_name="curated_communities",
    )
    charter = models.TextField("устав: ценности, принципы, правила", blank=True)
    goals = models.TextField("цели и задачи", blank=True)
    indicators = models.TextField("итоговые показатели", blank=True)
    meeting_link = models.URLField("ссылка на видеовстречи", blank=True)
    registered_on = models.DateField("зарегистрировано", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "профессиональное сообщество"
        verbose_name_plural = "профессиональные сообщества"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", verbose_name="педагог", on_delete=models.CASCADE, related_name="+")
    asset_role = models.CharField("роль в активе", max_length=20, choices=AssetRole.choices, blank=True, default="")
    joined_on = models.DateField("вступил", default=datetime.date.today)

    class Meta:
        verbose_name = "участник сообщества"
        verbose_name_plural = "участники сообщества"
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [models.UniqueConstraint(fields=["community", "person"], name="community_member_once")]

    def __str__(self) -> str:
        return str(self.person)


class CommunityReport(models.Model):
    """A report to the coordinator on the community's goals («необходимость отчитываться», 004 §2.3)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="reports")
    period = models.CharField("период", max_length=100)
    text = models.TextField("что сделано по целям")
    submitted_on = models.DateField("сдан", default=datetime.date.today)

    class Meta:
        verbose_name = "отчёт сообщества"
        verbose_name_plural = "отчёты сообщества"
        ordering = ["-submitted_on", "-id"]


class Material(models.Model):
    """An item of the community's materials bank."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField("название", max_length=300)
    link = models.URLField("ссылка", blank=True)
    description = models.TextField("описание", blank=True)
    author = models.ForeignKey("people.Person", verbose_name="автор", on_delete=models.CASCADE, related_name="+")
    added_on = models.DateField("добавлен", default=datetime.date.today)

    class Meta:
        verbose_name = "материал"
        verbose_name_plural = "банк материалов"
        ordering = ["-added_on", "-id"]


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", "очно"
    ONLINE = "online", "онлайн"
    BLENDED = "blended", "очно-дистанционно"


class CommunityEvent(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="events")
    title = models.CharField("название", max_length=300)
    held_on = models.DateField("дата")
    format = models.CharField("формат", max_length=12, choices=EventFormat.choices, default=EventFormat.IN_PERSON)

    class Meta:
        verbose_name = "мероприятие сообщества"
        verbose_name_plural = "мероприятия сообщества"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    event = models.ForeignKey(CommunityEvent, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="community_attendance_once")]


class Training(models.Model):
    """Cascade training (каскадное обучение): an asset member trained another teacher."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="trainings")
    trainer = models.ForeignKey("people.Person", verbose_name="кто обучил", on_delete=models.CASCADE, related_name="+")
    trainee = models.ForeignKey("people.Person", verbose_name="кого обучил", on_delete=models.CASCADE, related_name="+")
    topic = models.CharField("тема", max_length=300)
    held_on = models.DateField("дата")

    class Meta:
        verbose_name = "каскадное обучение"
        verbose_name_plural = "каскадное обучение"
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(trainer=models.F("trainee")), name="training_not_self"),
        ]


class SelfCheck(models.Model):
    """A run of the «моральный износ» self-check: a survey campaign sent to the members."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="self_checks")
    campaign = models.OneToOneField("surveys.Campaign", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["-campaign__opens_on", "-id"]
