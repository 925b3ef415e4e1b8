"""Growth workshops («Мастерские роста», source 000): workshops of a school, their people, meetings
and yearly status; professional-development trajectories with hours, enrolments and certificates.

Reference data (the source's workshops and trajectories) is loaded from data/growth-workshops-000.yaml
after every migrate (see catalogue.py). Object-level roles (master, coordinator, librarian, director
of a workshop) are fields here, not organisation roles.
"""

from __future__ import annotations

from django.db import models


class CatalogueWorkshop(models.Model):
    """A workshop named by the source; a school opens its own copy of it."""

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("название", max_length=200)
    description = models.TextField("описание", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "мастерская из источника"
        verbose_name_plural = "мастерские из источника"

    def __str__(self) -> str:
        return self.name


class MasterLevel(models.TextChoices):
    NOVICE = "novice", "Мастер-новичок"
    EXPERT = "expert", "Мастер-эксперт"


class Workshop(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="workshops"
    )
    catalogue = models.ForeignKey(
        CatalogueWorkshop,
        verbose_name="мастерская из источника",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("название", max_length=200)
    description = models.TextField("описание", blank=True)
    master = models.ForeignKey(
        "people.Person", verbose_name="мастер", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    master_level = models.CharField(
        "уровень мастера", max_length=8, choices=MasterLevel.choices, default=MasterLevel.NOVICE
    )
    coordinator = models.ForeignKey(
        "people.Person", verbose_name="координатор", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    librarian = models.ForeignKey(
        "people.Person", verbose_name="библиотекарь", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    director = models.ForeignKey(
        "people.Person", verbose_name="руководитель", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation_id", "name", "id"]
        verbose_name = "мастерская"
        verbose_name_plural = "мастерские"
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="workshop_unique_name_in_org")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_own(self) -> bool:
        return self.catalogue_id is None


class SeasonStatus(models.TextChoices):
    OPENED = "opened", "Открыта"
    RUNNING = "running", "Работает"
    CLOSED = "closed", "Закрыта"


class WorkshopSeason(models.Model):
    """The workshop's status in one academic year; a workshop «opened» in a year has a row for it."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="seasons")
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    status = models.CharField("статус", max_length=8, choices=SeasonStatus.choices, default=SeasonStatus.OPENED)

    class Meta:
        ordering = ["academic_year__start_year"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "academic_year"], name="workshop_season_unique_year")
        ]


class MemberKind(models.TextChoices):
    TEACHER = "teacher", "Педагог"
    STUDENT = "student", "Ученик"


class WorkshopMember(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", verbose_name="участник", on_delete=models.CASCADE, related_name="workshop_memberships"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    kind = models.CharField("кто", max_length=8, choices=MemberKind.choices)

    class Meta:
        ordering = ["kind", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "person", "academic_year"], name="workshop_member_unique_person_year"
            )
        ]


class WorkshopMeeting(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("дата")
    topic = models.CharField("тема", max_length=300)
    attendees = models.ManyToManyField("people.Person", verbose_name="присутствовали", blank=True, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]


class WorkshopProject(models.Model):
    """A project done inside a workshop (source 000 §5.2)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="projects")
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    title = models.CharField("проект", max_length=300)
    completed = models.BooleanField("выполнен", default=False)

    class Meta:
        ordering = ["title", "id"]


class PopularisationKind(models.TextChoices):
    # Source 000 §5.3: «конференции, круглые столы, мастер-классы, публикации».
    CONFERENCE = "conference", "Конференция"
    ROUND_TABLE = "round_table", "Круглый стол"
    MASTER_CLASS = "master_class", "Мастер-класс"
    PUBLICATION = "publication", "Публикация"


class PopularisationEvent(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    kind = models.CharField("формат", max_length=16, choices=PopularisationKind.choices)
    title = models.CharField("название", max_length=300)
    held_on = models.DateField("дата")

    class Meta:
        ordering = ["-held_on", "-id"]


class Trajectory(models.Model):
    """A professional-development trajectory of the source with its hours."""

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("название", max_length=200)
    hours = models.PositiveSmallIntegerField("часов")
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = "траектория повышения квалификации"
        verbose_name_plural = "траектории повышения квалификации"

    def __str__(self) -> str:
        return f"«{self.name}» ({self.hours} ч)"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", "Обучается"
    COMPLETED = "completed", "Завершил"


class EnrolmentSource(models.TextChoices):
    MANUAL = "manual", "Записан вручную"
    FORM = "form", "Выбор в анкете «Оптимизм»"


class Enrolment(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="педагог", on_delete=models.CASCADE, related_name="pd_enrolments"
    )
    trajectory = models.ForeignKey(Trajectory, verbose_name="траектория", on_delete=models.PROTECT)
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    status = models.CharField(
        "статус", max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ENROLLED
    )
    source = models.CharField(
        "основание", max_length=8, choices=EnrolmentSource.choices, default=EnrolmentSource.MANUAL
    )
    completed_on = models.DateField("дата завершения", null=True, blank=True)
    certificate_number = models.PositiveIntegerField("номер сертификата", null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "trajectory__order"]
        constraints = [models.UniqueConstraint(fields=["person", "trajectory"], name="pd_enrolment_unique_trajectory")]


class EnrolmentModule(models.Model):
    """A module of an enrolment, attended or not; the modules' hours add up to the trajectory's."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField("модуль", max_length=300)
    hours = models.PositiveSmallIntegerField("часов")
    attended = models.BooleanField("посещён", default=False)

    class Meta:
        ordering = ["id"]


# The models of the other parts of the programme live in their own modules; importing them here
# registers them with the app.
from nastavnik.workshops.models_events import (  # noqa: E402
    ApplicationKind,
    ApplicationStatus,
    Conference,
    ConferenceApplication,
    ConferenceParticipant,
    ProgrammeItem,
    Shift,
)
from nastavnik.workshops.models_schools import (  # noqa: E402
    Partnership,
    PartnershipItem,
    PartnershipMeeting,
    StatusApplication,
    StatusLevel,
    StatusState,
)
from nastavnik.workshops.models_shelf import (  # noqa: E402
    Book,
    BookSet,
    Quest,
    QuestSeason,
    QuestTask,
    QuestTeam,
    Reading,
)

__all__ = [
    "ApplicationKind",
    "ApplicationStatus",
    "Book",
    "BookSet",
    "Conference",
    "ConferenceApplication",
    "ConferenceParticipant",
    "Partnership",
    "PartnershipItem",
    "PartnershipMeeting",
    "ProgrammeItem",
    "Quest",
    "QuestSeason",
    "QuestTask",
    "QuestTeam",
    "Reading",
    "Shift",
    "StatusApplication",
    "StatusLevel",
    "StatusState",
]
