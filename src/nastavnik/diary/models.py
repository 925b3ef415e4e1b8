"""The meeting log of a pair (дневник встреч), ratings, individual plans, mutual evaluations and awards."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from nastavnik.pairs.models import MeetingKind, Pair, PairMentee


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
        # The index kept the name it was created under in `pairs`.
        indexes = [models.Index(fields=["pair", "held_on"], name="pairs_pairm_pair_id_f1483b_idx")]

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


class AwardKind(models.TextChoices):
    # Source 003 §9: «школьные грамоты «Лучший наставник»», «благодарственные письма родителям
    # наставников из числа обучающихся», «благодарственное письмо на предприятие или организацию наставника».
    CERTIFICATE = "certificate", "Грамота «Лучший наставник»"
    THANKS = "thanks", "Благодарственное письмо"
    THANKS_PARENTS = "thanks_parents", "Благодарственное письмо родителям наставника-обучающегося"
    THANKS_EMPLOYER = "thanks_employer", "Благодарственное письмо в организацию наставника"


class Award(models.Model):
    """A certificate or a letter of thanks issued to a participant."""

    kind = models.CharField("вид", max_length=20, choices=AwardKind.choices)
    person = models.ForeignKey("people.Person", verbose_name="кому", on_delete=models.CASCADE, related_name="awards")
    # The addressee when it is not the person honoured: the parents of a pupil mentor, the mentor's employer.
    recipient = models.CharField("адресат", max_length=300, blank=True)
    programme = models.ForeignKey(
        "programmes.Programme", verbose_name="программа", on_delete=models.CASCADE, related_name="awards"
    )
    pair = models.ForeignKey(
        Pair, verbose_name="пара", null=True, blank=True, on_delete=models.SET_NULL, related_name="awards"
    )
    number = models.CharField("номер", max_length=30)
    issued_on = models.DateField("дата")
    text = models.TextField("текст", blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "награда"
        verbose_name_plural = "награды"
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["programme", "kind", "number"], name="unique_award_number")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.number}"


class StatusChangeKind(models.TextChoices):
    MENTEE_TO_MENTOR = "mentee_to_mentor", "Наставляемый стал наставником"
    MENTOR_LEVEL = "mentor_level", "Статус наставника"


class StatusChange(models.Model):
    """A recorded change of a participant's status (feeds indicators 3.4, 3.7, 3.10)."""

    person = models.ForeignKey("people.Person", verbose_name="участник", on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="программа",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pair = models.ForeignKey(
        Pair, verbose_name="пара", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("что изменилось", max_length=20, choices=StatusChangeKind.choices)
    old_value = models.CharField("было", max_length=40, blank=True)
    new_value = models.CharField("стало", max_length=40, blank=True)
    reason = models.TextField("основание", blank=True)
    changed_at = models.DateTimeField("когда", auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "смена статуса участника"
        verbose_name_plural = "смены статусов участников"
        ordering = ["-changed_at", "-id"]
