"""Organisations (region → district → organisation), academic years and memberships."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    pass


class OrganisationKind(models.TextChoices):
    REGION = "region", "Регион"
    DISTRICT = "district", "Муниципальный район / округ"
    METHODOLOGICAL_CENTRE = "methodological_centre", "Методический центр"
    SCHOOL = "school", "Школа"
    ADDITIONAL_EDUCATION = "additional_education", "Организация дополнительного образования"
    COLLEGE = "college", "Колледж / вуз"
    KINDERGARTEN = "kindergarten", "Детский сад (ДОУ)"
    ENTERPRISE = "enterprise", "Предприятие"
    NGO = "ngo", "Некоммерческая организация"


TERRITORY_KINDS = frozenset({OrganisationKind.REGION, OrganisationKind.DISTRICT})
EDUCATIONAL_KINDS = frozenset(
    {
        OrganisationKind.SCHOOL,
        OrganisationKind.ADDITIONAL_EDUCATION,
        OrganisationKind.COLLEGE,
        OrganisationKind.KINDERGARTEN,
    }
)


def subtree_q(field: str, path: str) -> models.Q:
    """Paths starting with `path` ("/1/7/"), as an indexable range rather than LIKE.

    Every path that starts with "/1/7/" sorts between "/1/7/" and "/1/70" ('/' < '0').
    """
    return models.Q(**{f"{field}__gte": path, f"{field}__lt": path[:-1] + "0"})


class Organisation(models.Model):
    name = models.CharField("полное наименование", max_length=300)
    short_name = models.CharField("краткое наименование", max_length=120)
    slug = models.SlugField("код", max_length=80, unique=True)
    kind = models.CharField("тип", max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="вышестоящая организация",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/1/7/42/" so that a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    inn = models.CharField("ИНН", max_length=12, blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)
    is_partner = models.BooleanField(
        "партнёр (внешний контур)",
        default=False,
        help_text="Организация-партнёр, предоставляющая внешних наставников.",
    )
    low_results = models.BooleanField("школа с низкими результатами", default=False)

    objects: models.Manager[Organisation] = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.short_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)
                kwargs = {}
            old_path = self.path
            parent_path = self.parent.path if self.parent_id and self.parent else "/"
            self.path = f"{parent_path}{self.pk}/"
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                self._move_descendants(old_path)

    def _move_descendants(self, old_path: str) -> None:
        for child in Organisation.objects.filter(subtree_q("path", old_path)).exclude(pk=self.pk):
            child.path = self.path + child.path[len(old_path) :]
            Organisation.objects.filter(pk=child.pk).update(path=child.path)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestors(self) -> models.QuerySet[Organisation]:
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return Organisation.objects.filter(pk__in=ids).exclude(pk=self.pk).order_by("path")

    def subtree(self) -> models.QuerySet[Organisation]:
        return Organisation.objects.filter(subtree_q("path", self.path))


class AcademicYear(models.Model):
    """An academic year runs from 1 September to 31 August."""

    start_year = models.PositiveSmallIntegerField("год начала", unique=True)

    class Meta:
        verbose_name = "учебный год"
        verbose_name_plural = "учебные годы"
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 8, 31)

    @staticmethod
    def start_year_for(day: datetime.date) -> int:
        return day.year if day.month >= 9 else day.year - 1

    @classmethod
    def current(cls) -> AcademicYear:
        year, _ = cls.objects.get_or_create(start_year=cls.start_year_for(datetime.date.today()))
        return year


class Role(models.TextChoices):
    REGION_COORDINATOR = "region_coordinator", "Региональный координатор"
    DISTRICT_COORDINATOR = "district_coordinator", "Муниципальный координатор / методист"
    DIRECTOR = "director", "Руководитель организации"
    CURATOR = "curator", "Куратор"
    WORKING_GROUP = "working_group", "Член рабочей группы"
    TEACHER = "teacher", "Педагог / сотрудник"
    STUDENT = "student", "Обучающийся"
    PARENT = "parent", "Родитель / законный представитель"
    EXTERNAL = "external", "Представитель организации-партнёра"


# Roles that run the programme of an organisation (read and write its data).
MANAGING_ROLES = frozenset({Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP})
# Roles that read the whole subtree below their organisation.
COORDINATING_ROLES = frozenset({Role.REGION_COORDINATOR, Role.DISTRICT_COORDINATOR})


class Membership(models.Model):
    person = models.ForeignKey(
        "people.Person", verbose_name="человек", on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("роль", max_length=32, choices=Role.choices)
    position = models.CharField("должность", max_length=200, blank=True)
    grade = models.PositiveSmallIntegerField("класс / курс (параллель)", null=True, blank=True)
    class_letter = models.CharField("буква класса", max_length=4, blank=True)
    class_teacher = models.ForeignKey(
        "people.Person",
        verbose_name="классный руководитель",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="homeroom_memberships",
    )
    # The class teacher as the import file wrote it, while no teacher of that name is known;
    # the staff import links it to the teacher (and clears it) once that teacher is loaded.
    class_teacher_name = models.CharField("классный руководитель (как в файле)", max_length=300, blank=True)
    subjects = models.CharField("предметы", max_length=300, blank=True)
    experience_years = models.PositiveSmallIntegerField("педагогический стаж, лет", null=True, blank=True)
    category = models.CharField("квалификационная категория", max_length=100, blank=True)
    is_active = models.BooleanField("действует", default=True)
    # The day the person left; the retention period of personal data (152-ФЗ) counts from it.
    left_on = models.DateField("дата выбытия", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "членство в организации"
        verbose_name_plural = "членства в организациях"
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "role"], name="unique_membership_role")
        ]
        indexes = [models.Index(fields=["organisation", "role", "is_active"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} ({self.organisation})"

    @property
    def class_name(self) -> str:
        return f"{self.grade}{self.class_letter}" if self.grade else ""
