"""Pairs and groups (наставнические пары и группы), matching runs, locks and forbidden pairs."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class Policy(models.TextChoices):
    MAX_MATCHED = "max_matched", "Как можно больше пар"
    MAX_SCORE = "max_score", "Наибольший суммарный балл"


class PairQuerySet(models.QuerySet["Pair"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> models.QuerySet[Pair]:
        from nastavnik.access.rules import access_for

        access = access_for(user)
        if access.is_admin:
            return self
        if not access.is_authenticated:
            return self.none()
        own = models.Q(mentor__person_id=access.person_id) | models.Q(members__mentee__person_id=access.person_id)
        return self.filter(access.org_filter("programme__organisation__") | own).distinct()


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


class MeetingFormat(models.TextChoices):
    OFFLINE = "offline", "Очно"
    ONLINE = "online", "Онлайн"


class PairMeeting(models.Model):
    """An entry of the meeting log (дневник наставника)."""

    pair = models.ForeignKey(Pair, verbose_name="пара", on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("дата")
    kind = models.CharField("тип встречи", max_length=10, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    topic = models.CharField("тема", max_length=300)
    duration_minutes = models.PositiveSmallIntegerField("длительность, мин", default=45)
    format = models.CharField("формат", max_length=8, choices=MeetingFormat.choices, default=MeetingFormat.OFFLINE)
    notes = models.TextField("заметки", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "встреча пары"
        verbose_name_plural = "дневник встреч"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["pair", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y} — {self.topic}"


class MeetingAttachment(models.Model):
    meeting = models.ForeignKey(PairMeeting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("файл", upload_to="meetings/%Y/%m/")
    name = models.CharField("имя файла", max_length=200)
    size = models.PositiveIntegerField("размер, байт", default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "вложение"
        verbose_name_plural = "вложения"


class MeetingRating(models.Model):
    """A mentee's mark (1–5) and comment on one meeting."""

    meeting = models.ForeignKey(PairMeeting, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey("people.Person", verbose_name="наставляемый", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField("оценка")
    comment = models.TextField("комментарий", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "оценка встречи"
        verbose_name_plural = "оценки встреч"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_rating_per_meeting_person"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="meeting_rating_1_5"),
        ]


class IndividualPlan(models.Model):
    """The individual development plan (ИОМ) of one mentee in a pair."""

    member = models.OneToOneField(
        PairMentee, verbose_name="наставляемый", on_delete=models.CASCADE, related_name="plan"
    )
    goals = models.TextField("цели (из запроса)", blank=True)
    results = models.TextField("результаты", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "индивидуальный план"
        verbose_name_plural = "индивидуальные планы"


class TaskStatus(models.TextChoices):
    TODO = "todo", "Не начата"
    IN_PROGRESS = "in_progress", "В работе"
    DONE = "done", "Выполнена"
    CANCELLED = "cancelled", "Отменена"


class PlanTask(models.Model):
    plan = models.ForeignKey(IndividualPlan, verbose_name="план", on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField("задача", max_length=300)
    due_on = models.DateField("срок", null=True, blank=True)
    status = models.CharField("статус", max_length=12, choices=TaskStatus.choices, default=TaskStatus.TODO)
    result = models.TextField("результат", blank=True)
    order = models.PositiveIntegerField(default=0)
    done_on = models.DateField("выполнена", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "задача плана"
        verbose_name_plural = "задачи плана"
        ordering = ["plan", "order", "due_on", "id"]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status in {TaskStatus.TODO, TaskStatus.IN_PROGRESS} and self.due_on is not None and self.due_on < today
        )


class PairEvaluation(models.Model):
    """Mutual evaluation at completion: each side marks the other (1–5) with a comment."""

    pair = models.ForeignKey(Pair, verbose_name="пара", on_delete=models.CASCADE, related_name="evaluations")
    author = models.ForeignKey(
        "people.Person", verbose_name="кто оценивает", on_delete=models.CASCADE, related_name="+"
    )
    side = models.CharField("роль", max_length=6, choices=[("mentor", "Наставник"), ("mentee", "Наставляемый")])
    score = models.PositiveSmallIntegerField("оценка")
    comment = models.TextField("отзыв", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "взаимная оценка"
        verbose_name_plural = "взаимные оценки"
        constraints = [
            models.UniqueConstraint(fields=["pair", "author"], name="one_evaluation_per_author"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="evaluation_1_5"),
        ]


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
