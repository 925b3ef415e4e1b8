"""The personnel reserve «Школа Лидеров образования» (004 §3.3): an annual cycle of one organisation."""

from __future__ import annotations

from django.db import models


class ReserveStage(models.TextChoices):
    """The states of the annual cycle, in order; their windows are in communities.cycle."""

    CANDIDATES = "candidates", "Сбор сведений о кандидатах"
    COMPETITION = "competition", "Конкурс «Управленцы будущего»"
    DIAGNOSTICS = "diagnostics", "Психолого-педагогическая диагностика"
    PLANS = "plans", "Индивидуальные планы подготовки и отчёты"
    RENEWAL = "renewal", "Обновление состава кадрового резерва"
    INTERNSHIPS = "internships", "Стажировка победителей конкурса"
    CLOSED = "closed", "Цикл завершён"


class ReserveCycle(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    stage = models.CharField("этап", max_length=16, choices=ReserveStage.choices, default=ReserveStage.CANDIDATES)

    class Meta:
        verbose_name = "цикл работы с кадровым резервом"
        verbose_name_plural = "циклы работы с кадровым резервом"
        ordering = ["-academic_year__start_year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "academic_year"], name="reserve_cycle_once_a_year")
        ]

    def __str__(self) -> str:
        return f"Школа Лидеров образования, {self.academic_year}"


class ReserveStatus(models.TextChoices):
    CANDIDATE = "candidate", "кандидат"
    MEMBER = "member", "в резерве"
    NOT_INCLUDED = "not_included", "не включён"


class CompetitionResult(models.TextChoices):
    NONE = "", "не участвует"
    PARTICIPANT = "participant", "участник"
    WINNER = "winner", "победитель"


class ReserveEntry(models.Model):
    cycle = models.ForeignKey(ReserveCycle, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey("people.Person", verbose_name="педагог", on_delete=models.CASCADE, related_name="+")
    workplace = models.ForeignKey(
        "orgs.Organisation", verbose_name="место работы", on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField("должность", max_length=200)
    status = models.CharField("статус", max_length=16, choices=ReserveStatus.choices, default=ReserveStatus.CANDIDATE)
    competition = models.CharField(
        "конкурс «Управленцы будущего»", max_length=12, choices=CompetitionResult.choices, blank=True, default=""
    )
    strengths = models.TextField("сильные стороны (диагностика)", blank=True)
    deficits = models.TextField("дефициты (диагностика)", blank=True)
    plan = models.TextField("индивидуальный план подготовки", blank=True)
    plan_report = models.TextField("отчёт о выполнении плана", blank=True)
    internship = models.CharField("стажировка (где и когда)", max_length=300, blank=True)

    class Meta:
        verbose_name = "запись кадрового резерва"
        verbose_name_plural = "кадровый резерв"
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [models.UniqueConstraint(fields=["cycle", "person"], name="reserve_entry_once_per_cycle")]

    def __str__(self) -> str:
        return str(self.person)


class Competence(models.Model):
    """A row of the competence matrix; the list is edited on the reserve page."""

    name = models.CharField("компетенция", max_length=200, unique=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "компетенция руководителя"
        verbose_name_plural = "компетенции руководителя"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class CompetenceRating(models.Model):
    entry = models.ForeignKey(ReserveEntry, on_delete=models.CASCADE, related_name="ratings")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField("уровень")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "competence"], name="competence_rating_once"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="competence_level_1_4"),
        ]
