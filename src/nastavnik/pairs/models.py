"""Pairs and groups (наставнические пары и группы), matching runs, locks and forbidden pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Scheme(models.TextChoices):
    """The three pairing schemes of source 001 §3.3."""

    APPOINTMENT = "appointment", "Назначение куратором"
    QUESTIONNAIRE = "questionnaire", "Подбор по анкетам"
    GROUP_MEETING = "group_meeting", "Групповая встреча (Mentor Match)"


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", "Предложена"
    CONFIRMED = "confirmed", "Подтверждена куратором"
    FIXED = "fixed", "Закреплена приказом"
    ACTIVE = "active", "Работает"
    COMPLETED = "completed", "Завершена"
    DISSOLVED = "dissolved", "Расформирована"


# A mentee or a mentor's seat is taken by a pair in one of these states.
HOLDING_STATUSES = frozenset({PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE})


class Policy(models.TextChoices):
    MAX_MATCHED = "max_matched", "Как можно больше пар"
    MAX_SCORE = "max_score", "Наибольший суммарный балл"


class PairQuerySet(models.QuerySet["Pair"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> models.QuerySet[Pair]:
        from nastavnik.core.access import access_for

        access = access_for(user)
        if access.is_admin:
            return self
        if not access.is_authenticated:
            return self.none()
        own = models.Q(mentor__person_id=access.person_id) | models.Q(members__mentee__person_id=access.person_id)
        return self.filter(access._org_q("programme__organisation__") | own).distinct()


class Pair(models.Model):
    """One mentor with one mentee (a pair) or several (a group)."""

    programme = models.ForeignKey(
        "programmes.Programme", verbose_name="программа", on_delete=models.CASCADE, related_name="pairs"
    )
    programme_form = models.ForeignKey(
        "programmes.ProgrammeForm",
        verbose_name="форма наставничества",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mentor = models.ForeignKey(
        "bases.MentorEntry", verbose_name="наставник", on_delete=models.PROTECT, related_name="pairs"
    )
    scheme = models.CharField("как сформирована", max_length=20, choices=Scheme.choices)
    status = models.CharField("статус", max_length=12, choices=PairStatus.choices, default=PairStatus.PROPOSED)
    is_group = models.BooleanField("группа", default=False)
    score = models.FloatField("балл подбора", null=True, blank=True)
    # The score breakdown in Russian: [{"code", "text", "points"}].
    reasons = models.JSONField("почему эта пара", default=list, blank=True)
    run = models.ForeignKey(
        "pairs.MatchingRun",
        verbose_name="подбор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pairs",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто предложил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField("подтверждена", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто подтвердил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    end_reason = models.TextField("причина расформирования", blank=True)

    objects = PairQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "наставническая пара / группа"
        verbose_name_plural = "наставнические пары и группы"
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.mentor.person.short_name} — {self.get_status_display()}"

    @property
    def holds_seat(self) -> bool:
        return self.status in HOLDING_STATUSES


class PairMentee(models.Model):
    pair = models.ForeignKey(Pair, verbose_name="пара", on_delete=models.CASCADE, related_name="members")
    mentee = models.ForeignKey(
        "bases.MenteeEntry", verbose_name="наставляемый", on_delete=models.PROTECT, related_name="pair_memberships"
    )
    # True while the pair holds the mentee (confirmed, fixed, active): at most one such row per mentee.
    is_current = models.BooleanField(default=False)
    score = models.FloatField("балл", null=True, blank=True)
    reasons = models.JSONField("почему", default=list, blank=True)

    class Meta:
        verbose_name = "наставляемый в паре"
        verbose_name_plural = "наставляемые в парах"
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"], condition=models.Q(is_current=True), name="one_current_pair_per_mentee"
            ),
            models.UniqueConstraint(fields=["pair", "mentee"], name="unique_mentee_in_pair"),
        ]


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
        "programmes.ProgrammeForm", on_delete=models.CASCADE, related_name="matching_settings"
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
        "programmes.ProgrammeForm", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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


# -- group meetings («Mentor Match», scheme 3) -------------------------------------------
# A speed-meeting event, its participants and the ranked choices each of them made.


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Запланирована"
    PREFERENCES = "preferences", "Собираем выбор участников"
    MATCHED = "matched", "Пары подобраны"


class Side(models.TextChoices):
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"


class GroupMeeting(models.Model):
    """A group meeting: speed meetings (mentees move from table to table), then mutual choice."""

    programme_form = models.ForeignKey(
        "programmes.ProgrammeForm",
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
    status = models.CharField("этап", max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
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
        return self.status != MeetingStatus.MATCHED


class MeetingMentor(models.Model):
    """A mentor at the meeting; the mentor stays at one table, mentees come to it."""

    meeting = models.ForeignKey(GroupMeeting, verbose_name="встреча", on_delete=models.CASCADE, related_name="mentors")
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


class MeetingMentee(models.Model):
    meeting = models.ForeignKey(GroupMeeting, verbose_name="встреча", on_delete=models.CASCADE, related_name="mentees")
    mentee = models.ForeignKey(
        "bases.MenteeEntry", verbose_name="наставляемый", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "наставляемый на встрече"
        verbose_name_plural = "наставляемые на встрече"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "mentee"], name="unique_mentee_at_meeting")]


class MeetingPreference(models.Model):
    """One participant's ranked choice of the other side (entry ids, best first)."""

    meeting = models.ForeignKey(
        GroupMeeting, verbose_name="встреча", on_delete=models.CASCADE, related_name="preferences"
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
