"""PD courses with a tutor (source 004 §3.7) and «Школа – Школе» after pairing (§3.5).

A cohort is one group of a PD course: its modules, tutor (a person, not an organisation role),
mini-teams, milestones, trainees (enrolments) with submissions, a logbook, an internship place
and the commission's credit. Each person's ИОМ (individual route) is a list of route items with
hours, built from deficits and chosen events. «Школа – Школе» records hang on the district's
confirmed school pairing: deficits, lesson observations and self-analysis, the annual cycle's
events; exam results (ВПР/ОГЭ/ЕГЭ) belong to a school.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

TARGETED_PD_TITLE = "Актуальные проблемы повышения качества образовательных результатов учащихся"
TARGETED_PD_HOURS = 36


class ModuleKind(models.TextChoices):
    DISTANCE = "distance", "Дистанционный"
    IN_PERSON = "in_person", "Очный (по выбору)"
    INTERNSHIP = "internship", "Стажировка"


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", "Учится"
    DROPPED = "dropped", "Выбыл"


class Credit(models.TextChoices):
    NONE = "", "Не сдавал"
    PASSED = "passed", "Зачтено"
    FAILED = "failed", "Не зачтено"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", "Ждёт проверки"
    ACCEPTED = "accepted", "Принято"
    RETURNED = "returned", "Возвращено на доработку"


class Cohort(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="кто проводит", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("программа курса", max_length=300)
    name = models.CharField("группа", max_length=100, default="Группа 1")
    hours = models.PositiveSmallIntegerField("объём, часов", validators=[MinValueValidator(1), MaxValueValidator(2000)])
    tutor = models.ForeignKey(
        "people.Person",
        verbose_name="тьютор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tutored_cohorts",
    )
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    credit_on = models.DateField("дата зачёта", null=True, blank=True)
    commission = models.CharField("зачётная комиссия", max_length=300, blank=True)

    class Meta:
        verbose_name = "группа курса повышения квалификации"
        verbose_name_plural = "группы курсов повышения квалификации"
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after")
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.name}"


class CourseModule(models.Model):
    cohort = models.ForeignKey(Cohort, verbose_name="группа", on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField("номер", default=1)
    title = models.CharField("модуль", max_length=300)
    kind = models.CharField("формат", max_length=12, choices=ModuleKind.choices)
    hours = models.PositiveSmallIntegerField("часов", validators=[MaxValueValidator(1000)])

    class Meta:
        verbose_name = "модуль курса"
        verbose_name_plural = "модули курса"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class MiniTeam(models.Model):
    cohort = models.ForeignKey(Cohort, verbose_name="группа", on_delete=models.CASCADE, related_name="teams")
    name = models.CharField("мини-команда", max_length=100)
    function = models.CharField("профессиональная функция", max_length=200, blank=True)

    class Meta:
        verbose_name = "мини-команда"
        verbose_name_plural = "мини-команды"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "name"], name="unique_team_name_in_cohort")]

    def __str__(self) -> str:
        return self.name


class HostSchool(models.Model):
    """A school offering internship places: how many and in what (interests, comma-separated)."""

    cohort = models.ForeignKey(Cohort, verbose_name="группа", on_delete=models.CASCADE, related_name="hosts")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="школа", on_delete=models.CASCADE, related_name="+"
    )
    capacity = models.PositiveSmallIntegerField("мест", validators=[MinValueValidator(1), MaxValueValidator(50)])
    offers = models.CharField("направления стажировки", max_length=300, blank=True)

    class Meta:
        verbose_name = "место стажировки"
        verbose_name_plural = "места стажировки"
        ordering = ["organisation__short_name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "organisation"], name="unique_host_in_cohort")]

    def __str__(self) -> str:
        return str(self.organisation)


class Enrolment(models.Model):
    cohort = models.ForeignKey(Cohort, verbose_name="группа", on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(
        "people.Person", verbose_name="слушатель", on_delete=models.CASCADE, related_name="course_enrolments"
    )
    team = models.ForeignKey(
        MiniTeam, verbose_name="мини-команда", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    chosen_module = models.ForeignKey(
        CourseModule,
        verbose_name="выбранный очный модуль",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interests = models.CharField("интересы", max_length=300, blank=True)
    status = models.CharField("статус", max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE)
    dropped_on = models.DateField("дата выбытия", null=True, blank=True)
    drop_reason = models.CharField("причина выбытия", max_length=300, blank=True)
    host = models.ForeignKey(
        HostSchool,
        verbose_name="место стажировки",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainees",
    )
    credit = models.CharField("зачёт", max_length=10, choices=Credit.choices, default=Credit.NONE, blank=True)
    credit_note = models.CharField("решение комиссии", max_length=300, blank=True)

    class Meta:
        verbose_name = "слушатель курса"
        verbose_name_plural = "слушатели курса"
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="one_enrolment_per_cohort"),
            models.CheckConstraint(
                condition=models.Q(status="active") | models.Q(dropped_on__isnull=False), name="dropout_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.cohort}"

    def interest_set(self) -> set[str]:
        return split_tags(self.interests)


def split_tags(text: str) -> set[str]:
    return {part.strip().lower().replace("ё", "е") for part in text.replace(";", ",").split(",") if part.strip()}


class Milestone(models.Model):
    """A content milestone (реперная точка) every trainee should reach by its date."""

    cohort = models.ForeignKey(Cohort, verbose_name="группа", on_delete=models.CASCADE, related_name="milestones")
    module = models.ForeignKey(
        CourseModule, verbose_name="модуль", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField("задание", max_length=300)
    due_on = models.DateField("срок")

    class Meta:
        verbose_name = "реперная точка"
        verbose_name_plural = "реперные точки"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, verbose_name="слушатель", on_delete=models.CASCADE, related_name="submissions"
    )
    milestone = models.ForeignKey(
        Milestone, verbose_name="задание", on_delete=models.CASCADE, related_name="submissions"
    )
    text = models.TextField("ответ", max_length=5000)
    submitted_on = models.DateField("сдано")
    status = models.CharField(
        "проверка", max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    comment = models.CharField("комментарий тьютора", max_length=1000, blank=True)
    checked_on = models.DateField("проверено", null=True, blank=True)

    class Meta:
        verbose_name = "работа слушателя"
        verbose_name_plural = "работы слушателей"
        ordering = ["milestone__due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "milestone"], name="one_submission_per_milestone")]

    def __str__(self) -> str:
        return f"{self.enrolment.person} — {self.milestone}"


class LogEntry(models.Model):
    """A line of the trainee's personal logbook (персональный бортовой журнал)."""

    enrolment = models.ForeignKey(Enrolment, verbose_name="слушатель", on_delete=models.CASCADE, related_name="log")
    day = models.DateField("дата")
    text = models.TextField("запись", max_length=3000)
    hours = models.DecimalField(
        "часов",
        max_digits=4,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(24))],
    )

    class Meta:
        verbose_name = "запись бортового журнала"
        verbose_name_plural = "бортовой журнал"
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.day}: {self.text[:40]}"


# -- «Школа – Школе» ---------------------------------------------------------------------------


class Audience(models.TextChoices):
    TEACHER = "teacher", "Учитель"
    ADMINISTRATION = "administration", "Администрация"


class Deficit(models.Model):
    pairing = models.ForeignKey(
        "district.SchoolPairing", verbose_name="пара школ", on_delete=models.CASCADE, related_name="deficits"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="педагог", on_delete=models.CASCADE, related_name="deficits"
    )
    audience = models.CharField("кто", max_length=16, choices=Audience.choices, default=Audience.TEACHER)
    area = models.CharField("дефицит", max_length=300)
    identified_on = models.DateField("выявлен")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "профессиональный дефицит"
        verbose_name_plural = "профессиональные дефициты"
        ordering = ["-identified_on", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.area}"


class ObservationKind(models.TextChoices):
    LESSON = "lesson", "Анализ работы учителя на уроке"
    SELF = "self", "Самоанализ учителем качества профессиональной деятельности"


class Observation(models.Model):
    pairing = models.ForeignKey(
        "district.SchoolPairing", verbose_name="пара школ", on_delete=models.CASCADE, related_name="observations"
    )
    kind = models.CharField("вид", max_length=8, choices=ObservationKind.choices)
    teacher = models.ForeignKey(
        "people.Person", verbose_name="учитель", on_delete=models.CASCADE, related_name="observations"
    )
    day = models.DateField("дата")
    subject = models.CharField("предмет", max_length=100)
    class_label = models.CharField("класс", max_length=10, blank=True)
    observer = models.CharField("кто наблюдал", max_length=200, blank=True)
    strengths = models.TextField("сильные стороны", max_length=3000, blank=True)
    weaknesses = models.TextField("что улучшить", max_length=3000, blank=True)
    recommendations = models.TextField("рекомендации", max_length=3000, blank=True)

    class Meta:
        verbose_name = "наблюдение урока / самоанализ"
        verbose_name_plural = "наблюдения уроков и самоанализ"
        ordering = ["-day", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.teacher}"


class CycleStage(models.TextChoices):
    PLAN = "plan", "Разработка (ежегодная корректировка) Проекта"
    PD = "pd", "Создание условий для развития профессиональной компетенции и мотивации учителей"
    EXCHANGE = "exchange", "Обмен опытом в формате семинаров и мастер-классов"
    EVALUATION = "evaluation", "Анализ реализации Проекта, оценка результативности, итоги."


class CycleEvent(models.Model):
    pairing = models.ForeignKey(
        "district.SchoolPairing", verbose_name="пара школ", on_delete=models.CASCADE, related_name="cycle_events"
    )
    stage = models.CharField("этап", max_length=12, choices=CycleStage.choices)
    title = models.CharField("мероприятие", max_length=300)
    day = models.DateField("дата")
    held = models.BooleanField("проведено", default=False)

    class Meta:
        verbose_name = "мероприятие годового цикла"
        verbose_name_plural = "мероприятия годового цикла"
        ordering = ["day", "pk"]

    def __str__(self) -> str:
        return self.title


class Exam(models.TextChoices):
    VPR = "vpr", "ВПР"
    OGE = "oge", "ОГЭ"
    EGE = "ege", "ЕГЭ"


class ExamResult(models.Model):
    """One line of a school's results: an exam, a year, a subject (and class for ВПР)."""

    school = models.ForeignKey("orgs.Organisation", verbose_name="школа", on_delete=models.CASCADE, related_name="+")
    exam = models.CharField("оценочная процедура", max_length=4, choices=Exam.choices)
    year = models.PositiveSmallIntegerField("год", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    subject = models.CharField("предмет", max_length=100)
    grade = models.PositiveSmallIntegerField("класс", validators=[MinValueValidator(1), MaxValueValidator(11)])
    participants = models.PositiveIntegerField("участников", validators=[MinValueValidator(1)])
    mean_score = models.DecimalField("средний балл", max_digits=5, decimal_places=2)
    fails = models.PositiveIntegerField("получили «2»")

    class Meta:
        verbose_name = "результат ВПР/ОГЭ/ЕГЭ"
        verbose_name_plural = "результаты ВПР/ОГЭ/ЕГЭ"
        ordering = ["exam", "subject", "grade", "year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "exam", "year", "subject", "grade"], name="unique_exam_result"),
            models.CheckConstraint(
                condition=models.Q(fails__lte=models.F("participants")), name="fails_within_participants"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_exam_display()} {self.year} {self.subject}"

    @property
    def fail_share(self) -> float:
        return round(100 * self.fails / self.participants, 1)


class ResultUpload(models.Model):
    """A parsed results file waiting for its all-or-nothing commit."""

    school = models.ForeignKey("orgs.Organisation", verbose_name="школа", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField("файл", max_length=255)
    rows = models.JSONField("строки", default=list)
    errors = models.JSONField("ошибки", default=list)
    notes = models.JSONField("пропущенные строки", default=list)
    created_at = models.DateTimeField("загружен", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    committed_at = models.DateTimeField("записан", null=True, blank=True)

    class Meta:
        verbose_name = "загрузка результатов"
        verbose_name_plural = "загрузки результатов"


# -- ИОМ -----------------------------------------------------------------------------------------


class RouteKind(models.TextChoices):
    COURSE = "course", "Курс повышения квалификации"
    TARGETED_PD = "targeted_pd", "Адресная программа ПК по дефициту"
    INTERNSHIP = "internship", "Стажировка"
    EVENT = "event", "Мероприятие (семинар, мастер-класс, открытый урок)"
    SELF = "self", "Самообразование"


class RouteItem(models.Model):
    """One step of a person's ИОМ with its hours; completed items count on the dashboards."""

    person = models.ForeignKey("people.Person", verbose_name="педагог", on_delete=models.CASCADE, related_name="route")
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("вид", max_length=12, choices=RouteKind.choices)
    title = models.CharField("что", max_length=300)
    hours = models.PositiveSmallIntegerField("часов", validators=[MinValueValidator(1), MaxValueValidator(1000)])
    planned_on = models.DateField("срок", null=True, blank=True)
    completed_on = models.DateField("выполнено", null=True, blank=True)
    deficit = models.ForeignKey(
        Deficit,
        verbose_name="по дефициту",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="route_items",
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name="курс", null=True, blank=True, on_delete=models.CASCADE, related_name="route_items"
    )

    class Meta:
        verbose_name = "пункт ИОМ"
        verbose_name_plural = "ИОМ (индивидуальный образовательный маршрут)"
        ordering = ["planned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.hours} ч)"
