"""Matching: the schemes, the curator's locks and bans, scoring settings, runs and speed meetings.

Pairs are made from runs by the `pairs` app above; nothing here knows a pair.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class Scheme(models.TextChoices):
    """The three pairing schemes of source 001 §3.3."""

    APPOINTMENT = "appointment", "Назначение куратором"
    QUESTIONNAIRE = "questionnaire", "Подбор по анкетам"
    GROUP_MEETING = "group_meeting", "Групповая встреча (Mentor Match)"


class Policy(models.TextChoices):
    MAX_MATCHED = "max_matched", "Как можно больше пар"
    MAX_SCORE = "max_score", "Наибольший суммарный балл"


class ConstraintKind(models.TextChoices):
    LOCK = "lock", "Закрепить пару"
    FORBID = "forbid", "Запретить пару"


class MatchingConstraint(models.Model):
    """A curator's lock (this pair must be kept) or ban (never pair these two)."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("bases.MentorEntry", verbose_name="наставник", on_delete=models.CASCADE)
    mentee = models.ForeignKey("bases.MenteeEntry", verbose_name="наставляемый", on_delete=models.CASCADE)
    kind = models.CharField("что сделать", max_length=8, choices=ConstraintKind.choices)
    reason = models.CharField("причина", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ограничение подбора"
        verbose_name_plural = "ограничения подбора"
        constraints = [models.UniqueConstraint(fields=["mentor", "mentee"], name="one_constraint_per_pair")]


class MatchingSettings(models.Model):
    """Weights and hard rules of the scoring model for one form of a programme (editable by the curator)."""

    programme_form = models.OneToOneField(
        "programmes.ProgrammeFormat", on_delete=models.CASCADE, related_name="matching_settings"
    )
    weights = models.JSONField("веса", default=dict, blank=True)
    same_organisation_only = models.BooleanField("только наставники своей организации", default=True)
    forbid_same_class = models.BooleanField("запретить пары из одного класса", default=False)
    require_problem_match = models.BooleanField(
        "наставник должен помогать хотя бы с одной проблемой наставляемого", default=True
    )

    class Meta:
        verbose_name = "настройки подбора"
        verbose_name_plural = "настройки подбора"


class MatchingRun(models.Model):
    """One run of the questionnaire or group-meeting scheme: its inputs and its proposals."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="matching_runs")
    programme_form = models.ForeignKey(
        "programmes.ProgrammeFormat", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scheme = models.CharField("схема", max_length=20, choices=Scheme.choices)
    policy = models.CharField("цель подбора", max_length=12, choices=Policy.choices, default=Policy.MAX_MATCHED)
    settings_snapshot = models.JSONField(default=dict)
    # {"unmatched": [{"mentee": id, "reason": "..."}], "total_score": float, "matched": int, "seconds": float}
    summary = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "подбор пар"
        verbose_name_plural = "подборы пар"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} от {self.created_at:%d.%m.%Y %H:%M}"

    def unmatched(self) -> list[dict[str, Any]]:
        return list(self.summary.get("unmatched", []))


# -- speed meetings («Mentor Match», scheme 3: групповая встреча) ---------------------------
# A speed-meeting event, its participants and the ranked choices each of them made.


class SpeedMeetingStatus(models.TextChoices):
    PLANNED = "planned", "Запланирована"
    PREFERENCES = "preferences", "Собираем выбор участников"
    MATCHED = "matched", "Пары подобраны"


class Side(models.TextChoices):
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"


class SpeedMeeting(models.Model):
    """A group meeting: speed meetings (mentees move from table to table), then mutual choice."""

    programme_form = models.ForeignKey(
        "programmes.ProgrammeFormat",
        verbose_name="форма наставничества",
        on_delete=models.CASCADE,
        related_name="group_meetings",
    )
    title = models.CharField("название", max_length=200)
    date = models.DateField("дата")
    place = models.CharField("место", max_length=200, blank=True)
    # Bounds (1–60 and 5–600 minutes) are CHECK constraints below and fields of the form.
    round_minutes = models.PositiveSmallIntegerField("минут на одну встречу", default=5)
    total_minutes = models.PositiveSmallIntegerField("минут на все встречи", default=60)
    status = models.CharField(
        "этап", max_length=12, choices=SpeedMeetingStatus.choices, default=SpeedMeetingStatus.PLANNED
    )
    # The latest matching run of this meeting: its proposals are shown on the meeting page.
    run = models.ForeignKey(
        MatchingRun, verbose_name="подбор", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто создал", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "групповая встреча"
        verbose_name_plural = "групповые встречи"
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(round_minutes__gte=1, round_minutes__lte=60), name="meeting_round_minutes_range"
            ),
            models.CheckConstraint(
                condition=models.Q(total_minutes__gte=5, total_minutes__lte=600), name="meeting_total_minutes_range"
            ),
            models.CheckConstraint(
                condition=models.Q(round_minutes__lte=models.F("total_minutes")), name="meeting_round_within_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d.%m.%Y})"

    @property
    def accepts_choices(self) -> bool:
        """Participants enter their own choices until the pairs are computed."""
        return self.status != SpeedMeetingStatus.MATCHED


class SpeedMeetingMentor(models.Model):
    """A mentor at the meeting; the mentor stays at one table, mentees come to it."""

    meeting = models.ForeignKey(SpeedMeeting, verbose_name="встреча", on_delete=models.CASCADE, related_name="mentors")
    mentor = models.ForeignKey(
        "bases.MentorEntry", verbose_name="наставник", on_delete=models.CASCADE, related_name="+"
    )
    table = models.PositiveSmallIntegerField("стол")

    class Meta:
        verbose_name = "наставник на встрече"
        verbose_name_plural = "наставники на встрече"
        ordering = ["table"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "mentor"], name="unique_mentor_at_meeting"),
            models.UniqueConstraint(fields=["meeting", "table"], name="unique_table_at_meeting"),
        ]


class SpeedMeetingMentee(models.Model):
    meeting = models.ForeignKey(SpeedMeeting, verbose_name="встреча", on_delete=models.CASCADE, related_name="mentees")
    mentee = models.ForeignKey(
        "bases.MenteeEntry", verbose_name="наставляемый", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "наставляемый на встрече"
        verbose_name_plural = "наставляемые на встрече"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "mentee"], name="unique_mentee_at_meeting")]


class SpeedMeetingChoice(models.Model):
    """One participant's ranked choice of the other side (entry ids, best first)."""

    meeting = models.ForeignKey(
        SpeedMeeting, verbose_name="встреча", on_delete=models.CASCADE, related_name="preferences"
    )
    side = models.CharField("кто выбирает", max_length=6, choices=Side.choices)
    # The id of the chooser's MentorEntry or MenteeEntry (by `side`).
    participant = models.PositiveIntegerField("участник")
    ranking = models.JSONField("выбор по порядку", default=list, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто внёс", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField("когда внесён", auto_now=True)

    class Meta:
        verbose_name = "выбор участника встречи"
        verbose_name_plural = "выбор участников встречи"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "side", "participant"], name="one_preference_per_participant")
        ]
