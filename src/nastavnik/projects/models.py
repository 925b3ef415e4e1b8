"""The district project office (source 004): the cascade of projects, the card of §6.1, stages and
activities with their timing rules, the dated items of each academic year, status history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nastavnik.engines.recurrence import Kind, Period


class Level(models.TextChoices):
    PROGRAMME = "programme", "Программа развития"
    STRATEGIC = "strategic", "Стратегический проект"
    BRANCH = "branch", "Ветвь каскада"
    PROJECT = "project", "Проект"


# Which level may sit under which (the cascade of §3.1).
PARENT_LEVEL = {Level.STRATEGIC: Level.PROGRAMME, Level.BRANCH: Level.STRATEGIC, Level.PROJECT: Level.BRANCH}


class Status(models.TextChoices):
    IDEA = "idea", "Идея"
    APPROVED = "approved", "Утверждён"
    RUNNING = "running", "Реализуется"
    FINISHED = "finished", "Завершён"
    CLOSED = "closed", "Закрыт"


# The allowed moves: forward one step, or back from «утверждён» to «идея» for rework.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    Status.IDEA: (Status.APPROVED,),
    Status.APPROVED: (Status.RUNNING, Status.IDEA),
    Status.RUNNING: (Status.FINISHED,),
    Status.FINISHED: (Status.CLOSED,),
    Status.CLOSED: (),
}


class Mode(models.TextChoices):
    PLAN = "plan", "По плану мероприятий"
    AGILE = "agile", "Гибкое управление (спринты)"


class NationalDirection(models.Model):
    """A direction (federal project) of the National Project «Образование»."""

    name = models.CharField("название", max_length=200, unique=True)

    class Meta:
        verbose_name = "направление НП «Образование»"
        verbose_name_plural = "направления НП «Образование»"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundingSource(models.Model):
    name = models.CharField("источник", max_length=200, unique=True)

    class Meta:
        verbose_name = "источник финансирования"
        verbose_name_plural = "источники финансирования"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """One node of the cascade; a node of level «проект» carries the full card of §6.1.

    List fields (tasks, results, groups, acts, toolkit) are kept one item a line.
    """

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.PROTECT, related_name="projects"
    )
    level = models.CharField("уровень", max_length=10, choices=Level.choices, default=Level.PROJECT)
    parent = models.ForeignKey(
        "self", verbose_name="входит в", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField("название проекта", max_length=300)
    idea = models.TextField("уникальная идея", blank=True)
    goal = models.TextField("цель", blank=True)
    tasks = models.TextField("задачи", blank=True, help_text="По одной задаче в строке.")
    relevance = models.TextField("актуальность", blank=True)
    concept = models.TextField("краткое описание замысла", blank=True)
    toolkit = models.TextField("инструментарий персонификации", blank=True, help_text="По одному в строке.")
    advantage = models.TextField("преимущество по сравнению с аналогами", blank=True)
    funding = models.ManyToManyField(FundingSource, verbose_name="источники финансирования", blank=True)
    funding_note = models.TextField("финансирование: пояснение", blank=True)
    expected_results = models.TextField("ожидаемые результаты", blank=True, help_text="По одному в строке.")
    achieved_results = models.TextField("достигнутые результаты", blank=True, help_text="По одному в строке.")
    participant_groups = models.TextField("участники реализации", blank=True, help_text="По одной группе в строке.")
    leaders = models.ManyToManyField(
        "people.Person", verbose_name="руководители рабочей группы", blank=True, related_name="led_projects"
    )
    leaders_note = models.TextField("руководители: должности", blank=True, help_text="Например: «директор ИМЦ».")
    normative_acts = models.TextField("нормативное обеспечение", blank=True, help_text="По одному акту в строке.")
    directions = models.ManyToManyField(
        NationalDirection, verbose_name="направления НП «Образование»", blank=True, related_name="projects"
    )
    schools = models.ManyToManyField(
        "orgs.Organisation", verbose_name="организации-участники", blank=True, related_name="joined_projects"
    )
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.IDEA)
    mode = models.CharField("режим управления", max_length=10, choices=Mode.choices, default=Mode.PLAN)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "проект"
        verbose_name_plural = "проекты"
        ordering = ["organisation__path", "level", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_project_name_per_org")]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


class StageKind(models.TextChoices):
    PREPARATORY = "preparatory", "Подготовительный (проектировочный)"
    INITIATION = "initiation", "Инициация"
    MAIN = "main", "Основной"
    SPRINTS = "sprints", "Спринты"
    FINAL = "final", "Заключительный (итоговый)"


class Stage(models.Model):
    project = models.ForeignKey(Project, verbose_name="проект", on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField("этап", max_length=12, choices=StageKind.choices)
    name = models.CharField("наименование этапа", max_length=300, blank=True)
    content = models.TextField("содержание этапа", blank=True)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")

    class Meta:
        verbose_name = "этап проекта"
        verbose_name_plural = "этапы проекта"
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="stage_dates_ordered")
        ]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class Activity(models.Model):
    """A line of the activity plan: number, title, timing rule, forecast result, responsible."""

    project = models.ForeignKey(Project, verbose_name="проект", on_delete=models.CASCADE, related_name="activities")
    stage = models.ForeignKey(
        Stage, verbose_name="этап", null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    number = models.CharField("№", max_length=20, help_text="Например 2.5")
    title = models.TextField("мероприятие")
    timing_text = models.CharField("сроки (как в плане)", max_length=200, blank=True)
    kind = models.CharField(
        "вид сроков",
        max_length=10,
        choices=[
            (Kind.EXACT.value, "Точная дата"),
            (Kind.RANGE.value, "Период"),
            (Kind.ANNUAL.value, "Ежегодно, окно месяцев"),
            (Kind.FREQUENCY.value, "С периодичностью"),
        ],
    )
    starts_on = models.DateField("дата (начало)", null=True, blank=True)
    ends_on = models.DateField("окончание", null=True, blank=True)
    month_from = models.PositiveSmallIntegerField(
        "с месяца", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    month_to = models.PositiveSmallIntegerField(
        "по месяц", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    period = models.CharField(
        "период",
        max_length=10,
        blank=True,
        choices=[
            (Period.MONTH.value, "месяц"),
            (Period.QUARTER.value, "четверть"),
            (Period.SEMESTER.value, "учебное полугодие"),
            (Period.YEAR.value, "учебный год"),
        ],
    )
    times = models.PositiveSmallIntegerField(
        "раз за период", default=1, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    forecast = models.TextField("прогнозируемый результат", blank=True)
    responsible = models.ForeignKey(
        "people.Person",
        verbose_name="ответственный",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_activities",
    )
    responsible_note = models.CharField("ответственный (текстом)", max_length=200, blank=True)

    class Meta:
        verbose_name = "мероприятие проекта"
        verbose_name_plural = "мероприятия проекта"
        ordering = ["project", "id"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"

    @property
    def sort_key(self) -> tuple[int, ...]:
        return tuple(int(p) if p.isdigit() else 0 for p in self.number.split("."))

    @property
    def depth(self) -> int:
        return self.number.count(".")


class ActivityItem(models.Model):
    """A dated occurrence of an activity in one academic year (expanded from its timing rule)."""

    activity = models.ForeignKey(Activity, verbose_name="мероприятие", on_delete=models.CASCADE, related_name="items")
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField("с")
    due_on = models.DateField("срок")
    done_on = models.DateField("выполнено", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отметил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "срок мероприятия"
        verbose_name_plural = "сроки мероприятий"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "starts_on", "due_on"], name="unique_activity_item_window")
        ]

    def __str__(self) -> str:
        return f"{self.activity} — {self.due_on:%d.%m.%Y}"


class StatusChange(models.Model):
    project = models.ForeignKey(Project, verbose_name="проект", on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField("статус", max_length=10, choices=Status.choices)
    changed_at = models.DateTimeField("когда", auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.CharField("комментарий", max_length=500, blank=True)

    class Meta:
        verbose_name = "смена статуса проекта"
        verbose_name_plural = "смены статусов проектов"
        ordering = ["-changed_at", "-id"]


class LogEntry(models.Model):
    """The project's activity log: card edits, statuses, sprints and board moves."""

    project = models.ForeignKey(Project, verbose_name="проект", on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField("когда", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField("что сделано", max_length=500)

    class Meta:
        verbose_name = "запись журнала проекта"
        verbose_name_plural = "журнал проекта"
        ordering = ["-at", "-id"]


# -- agile mode (ПРОкомьюнити) ------------------------------------------------------------------------


class Charter(models.Model):
    """The initiation checklist of an agile project (source 004, stage «Инициация»)."""

    project = models.OneToOneField(Project, verbose_name="проект", on_delete=models.CASCADE, related_name="charter")
    vision = models.TextField("общее видение проекта", blank=True)
    team = models.TextField("команда проекта", blank=True, help_text="По одному участнику в строке.")
    processes = models.TextField("рабочие процессы и требования к ним", blank=True)
    sprint_count = models.PositiveSmallIntegerField(
        "число спринтов", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    sprint_weeks = models.PositiveSmallIntegerField(
        "длительность спринта, недель", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    expected_results = models.TextField("ожидаемые результаты", blank=True)

    class Meta:
        verbose_name = "инициация проекта"
        verbose_name_plural = "инициация проектов"

    def checklist(self, initial_sprint_done: bool) -> list[tuple[str, bool]]:
        return [
            ("Общее видение проекта", bool(self.vision.strip())),
            ("Команда проекта", bool(self.team.strip())),
            ("Рабочие процессы", bool(self.processes.strip())),
            ("Число и длительность спринтов", bool(self.sprint_count and self.sprint_weeks)),
            ("Ожидаемые результаты", bool(self.expected_results.strip())),
            ("Начальный спринт проведён", initial_sprint_done),
        ]


class SprintStatus(models.TextChoices):
    ACTIVE = "active", "Идёт"
    CLOSED = "closed", "Закрыт"


class Sprint(models.Model):
    """Sprint 0 is the initial sprint; the next is planned only after the previous one is closed."""

    project = models.ForeignKey(Project, verbose_name="проект", on_delete=models.CASCADE, related_name="sprints")
    number = models.PositiveSmallIntegerField("номер")
    goal = models.TextField("цель спринта")
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    status = models.CharField("состояние", max_length=10, choices=SprintStatus.choices, default=SprintStatus.ACTIVE)
    review = models.TextField("итоги (обзор спринта)", blank=True)
    retrospective = models.TextField("ретроспектива", blank=True)
    closed_at = models.DateTimeField("закрыт", null=True, blank=True)

    class Meta:
        verbose_name = "спринт"
        verbose_name_plural = "спринты"
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_sprint_number"),
            # At most one sprint of a project is open at a time.
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(status="active"), name="one_active_sprint_per_project"
            ),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="sprint_dates_ordered"),
        ]

    def __str__(self) -> str:
        return "Начальный спринт" if self.number == 0 else f"Спринт {self.number}"


class Column(models.TextChoices):
    BACKLOG = "backlog", "Бэклог"
    TODO = "todo", "К выполнению"
    DOING = "doing", "В работе"
    DONE = "done", "Готово"


COLUMN_ORDER = [Column.BACKLOG, Column.TODO, Column.DOING, Column.DONE]


class Task(models.Model):
    """A backlog item; in a sprint it moves across the board's columns."""

    project = models.ForeignKey(Project, verbose_name="проект", on_delete=models.CASCADE, related_name="tasks_board")
    sprint = models.ForeignKey(
        Sprint, verbose_name="спринт", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    title = models.CharField("задача", max_length=300)
    column = models.CharField("колонка", max_length=10, choices=Column.choices, default=Column.BACKLOG)
    assignee = models.ForeignKey(
        "people.Person", verbose_name="исполнитель", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "задача бэклога"
        verbose_name_plural = "бэклог"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
