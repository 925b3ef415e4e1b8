"""Pairs and groups (наставнические пары и группы): their life, transitions, orders and change requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from nastavnik.access.rules import access_for
from nastavnik.matching.models import Scheme

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", "Предложена"
    CONFIRMED = "confirmed", "Подтверждена куратором"
    FIXED = "fixed", "Закреплена приказом"
    ACTIVE = "active", "Работает"
    COMPLETED = "completed", "Завершена"
    DISSOLVED = "dissolved", "Расформирована"


class InteractionStage(models.IntegerChoices):
    """The five stages of the mentoring interaction inside a pair, source 001 §3.4."""

    TELL = 1, "«Я расскажу – ты послушай!»"
    SHOW = 2, "«Я покажу – ты посмотри!»"
    TOGETHER = 3, "«Сделаем вместе!»"
    HINT = 4, "«Сделай сам – я подскажу!»"
    ALONE = 5, "«Сделай сам и расскажи, что сделал!»"


class Decision(models.TextChoices):
    CONTINUE = "continue", "Продолжить (новая тема или следующий год)"
    STOP = "stop", "Завершить взаимодействие"


# A mentee or a mentor's seat is taken by a pair in one of these states.
HOLDING_STATUSES = frozenset({PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE})


class PairQuerySet(models.QuerySet["Pair"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> models.QuerySet[Pair]:
        access = access_for(user)
        if access.is_admin:
            return self
        if not access.is_authenticated:
            return self.none()
        # The mentee side as an id subquery, not a join: no row repeated per member, so no DISTINCT
        # over every selected column (and a plan of fewer tables: the pairs board's query took 33 ms
        # to plan and 4 ms to run).
        mine = PairMentee.objects.filter(models.Q(mentee__person_id=access.person_id)).values("pair_id")
        own = models.Q(mentor__person_id=access.person_id) | models.Q(pk__in=mine)
        return self.filter(access.org_filter("programme__organisation__") | own)


class Pair(models.Model):
    """One mentor with one mentee (a pair) or several (a group)."""

    programme = models.ForeignKey(
        "programmes.Programme", verbose_name="программа", on_delete=models.CASCADE, related_name="pairs"
    )
    programme_form = models.ForeignKey(
        "programmes.ProgrammeFormat",
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
        "matching.MatchingRun",
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
    # Life of the pair after confirmation (issue: programme lifecycle).
    stage = models.PositiveSmallIntegerField(
        "этап взаимодействия", choices=InteractionStage.choices, null=True, blank=True
    )
    order = models.ForeignKey(
        "pairs.PairOrder",
        verbose_name="приказ о закреплении",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pairs",
    )
    started_on = models.DateField("начало работы", null=True, blank=True)
    planned_end_on = models.DateField("плановое окончание", null=True, blank=True)
    is_long_term = models.BooleanField("долгосрочная (продолжается в следующем году)", default=False)
    completed_at = models.DateTimeField("завершена", null=True, blank=True)
    decision = models.CharField("решение по итогам", max_length=10, choices=Decision.choices, blank=True)
    completion_override = models.TextField("почему завершена без итоговой встречи", blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name="продолжение пары прошлого года",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )

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


class Outcome(models.TextChoices):
    """Results of a mentee against the request; the numbered ones feed indicators 3.1–3.10 of source 002."""

    REQUEST_MET = "request_met", "Запрос наставляемого решён"
    GRADES_IMPROVED = "grades_improved", "Успеваемость повысилась (3.5)"
    OLYMPIAD = "olympiad", "Подготовлен(а) к конкурсу, олимпиаде (3.6)"
    PERSONNEL_RESERVE = "personnel_reserve", "Вошёл(ла) в кадровый управленческий резерв (3.1)"
    PROJECT_LEAD = "project_lead", "Подготовлен(а) к руководству проектами, в т. ч. грантовыми (3.2)"
    SKILLS_COMPETITION = "skills_competition", "Участвует в конкурсах профессионального мастерства (3.3)"
    TEAM_MENTOR = "team_mentor", "Команда стала наставником, консультационным центром, стажировочной площадкой (3.10)"


class PairMentee(models.Model):
    pair = models.ForeignKey(Pair, verbose_name="пара", on_delete=models.CASCADE, related_name="members")
    mentee = models.ForeignKey(
        "bases.MenteeEntry", verbose_name="наставляемый", on_delete=models.PROTECT, related_name="pair_memberships"
    )
    # True while the pair holds the mentee (confirmed, fixed, active): at most one such row per mentee.
    is_current = models.BooleanField(default=False)
    score = models.FloatField("балл", null=True, blank=True)
    reasons = models.JSONField("почему", default=list, blank=True)
    # Completion: results against the request (codes of Outcome), a note and the mentee's satisfaction.
    outcomes = models.JSONField("результаты", default=list, blank=True)
    result_note = models.TextField("результат (описание)", blank=True)
    satisfaction = models.PositiveSmallIntegerField("удовлетворённость (1–5)", null=True, blank=True)

    class Meta:
        verbose_name = "наставляемый в паре"
        verbose_name_plural = "наставляемые в парах"
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"], condition=models.Q(is_current=True), name="one_current_pair_per_mentee"
            ),
            models.UniqueConstraint(fields=["pair", "mentee"], name="unique_mentee_in_pair"),
        ]


class PairTransition(models.Model):
    """One change of a pair's state: who, when, why."""

    pair = models.ForeignKey(Pair, verbose_name="пара", on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField("из", max_length=12, choices=PairStatus.choices, blank=True)
    to_status = models.CharField("в", max_length=12, choices=PairStatus.choices)
    at = models.DateTimeField("когда", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField("причина / основание", blank=True)

    class Meta:
        verbose_name = "смена статуса пары"
        verbose_name_plural = "история статусов пар"
        ordering = ["pair", "at", "id"]


class OrderStatus(models.TextChoices):
    DRAFT = "draft", "Проект"
    REGISTERED = "registered", "Зарегистрирован"


class PairOrder(models.Model):
    """The director's order «О закреплении наставнических пар (групп)»."""

    programme = models.ForeignKey(
        "programmes.Programme", verbose_name="программа", on_delete=models.CASCADE, related_name="orders"
    )
    number = models.CharField("номер", max_length=30, blank=True)
    order_date = models.DateField("дата", null=True, blank=True)
    title = models.CharField("заголовок", max_length=300, default="О закреплении наставнических пар (групп)")
    preamble = models.TextField("преамбула", blank=True)
    period_from = models.DateField("период наставничества с", null=True, blank=True)
    period_to = models.DateField("по", null=True, blank=True)
    status = models.CharField("статус", max_length=12, choices=OrderStatus.choices, default=OrderStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "приказ о закреплении пар"
        verbose_name_plural = "приказы о закреплении пар"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], condition=~models.Q(number=""), name="unique_order_number"
            )
        ]

    def __str__(self) -> str:
        if self.order_date is None:
            return f"Приказ № {self.number or '—'} (дата не указана)"
        return f"Приказ № {self.number or '—'} от {self.order_date.strftime('%d.%m.%Y')}"


class MeetingKind(models.TextChoices):
    """Meeting types of source 003 §5.1, stage 6."""

    INTRO = "intro", "Встреча-знакомство"
    TRIAL = "trial", "Пробная рабочая встреча"
    PLANNING = "planning", "Встреча-планирование"
    REGULAR = "regular", "Встреча из серии"
    FINAL = "final", "Итоговая встреча"


class RequestStatus(models.TextChoices):
    OPEN = "open", "На рассмотрении"
    ACCEPTED = "accepted", "Принят"
    REJECTED = "rejected", "Отклонён"


class MentorChangeRequest(models.Model):
    """A mentee asks the curator for another mentor."""

    pair = models.ForeignKey(Pair, verbose_name="пара", on_delete=models.CASCADE, related_name="change_requests")
    person = models.ForeignKey("people.Person", verbose_name="наставляемый", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField("почему нужен другой наставник")
    status = models.CharField("статус", max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    answer = models.TextField("ответ куратора", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "запрос на смену наставника"
        verbose_name_plural = "запросы на смену наставника"
        ordering = ["-created_at"]
