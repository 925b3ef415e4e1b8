"""Persons, consent to personal-data processing (152-ФЗ) and sensitive flags."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from nastavnik.common.text import fold

if TYPE_CHECKING:
    pass

SEARCH_SOURCE_FIELDS = frozenset({"last_name", "first_name", "middle_name", "email"})

# A minor under this age gives consent through a parent or legal guardian.
SELF_CONSENT_AGE = 14


class Person(models.Model):
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("телефон", max_length=32, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="основная организация",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # Folded "фамилия имя отчество e-mail" (lower case, ё → е) for fast substring search on any database.
    search_text = models.CharField(max_length=500, editable=False, default="", db_index=False)
    # Kept in step with the consent records by people.services so lists can filter cheaply.
    has_consent = models.BooleanField("согласие на обработку ПДн", default=False, editable=False)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    objects: models.Manager[Person] = models.Manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = "человек"
        verbose_name_plural = "люди"
        ordering = ["last_name", "first_name", "middle_name", "id"]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["organisation", "last_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCH_SOURCE_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_text(self) -> None:
        """Call before bulk_create/bulk_update, which bypass save()."""
        self.search_text = fold(" ".join((self.last_name, self.first_name, self.middle_name, self.email)))[:500]

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{part[0]}. " for part in (self.first_name, self.middle_name) if part)
        return f"{self.last_name} {initials}".strip()

    def age_on(self, day: datetime.date) -> int | None:
        if self.birth_date is None:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)

    @property
    def age(self) -> int | None:
        return self.age_on(datetime.date.today())

    @property
    def needs_guardian_consent(self) -> bool:
        age = self.age
        return age is not None and age < SELF_CONSENT_AGE


class ConsentGiver(models.TextChoices):
    SELF = "self", "Сам человек"
    PARENT = "parent", "Родитель / законный представитель"


class Consent(models.Model):
    person = models.ForeignKey(Person, verbose_name="человек", on_delete=models.CASCADE, related_name="consents")
    given_on = models.DateField("дата согласия")
    given_by = models.CharField("кто дал согласие", max_length=16, choices=ConsentGiver.choices)
    guardian = models.ForeignKey(
        Person,
        verbose_name="родитель / законный представитель",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents_given",
    )
    guardian_name = models.CharField("ФИО представителя", max_length=300, blank=True)
    document = models.CharField("реквизиты документа", max_length=200, blank=True)
    revoked_on = models.DateField("дата отзыва", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "согласие на обработку персональных данных"
        verbose_name_plural = "согласия на обработку персональных данных"
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"Согласие {self.person} от {self.given_on:%d.%m.%Y}"

    @property
    def is_active(self) -> bool:
        return self.revoked_on is None


class SensitiveInfo(models.Model):
    """Flags visible only to the curator, the director and the person (PRODUCT.md §2)."""

    person = models.OneToOneField(Person, verbose_name="человек", on_delete=models.CASCADE, related_name="sensitive")
    disability = models.BooleanField("ОВЗ (ограниченные возможности здоровья)", default=False)
    difficult_situation = models.BooleanField("трудная жизненная ситуация", default=False)
    on_register = models.BooleanField("состоит на учёте", default=False)
    health_notes = models.TextField("особенности здоровья", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "чувствительные сведения"
        verbose_name_plural = "чувствительные сведения"

    def __str__(self) -> str:
        return f"Чувствительные сведения: {self.person}"

    @property
    def any_flag(self) -> bool:
        return self.disability or self.difficult_situation or self.on_register or bool(self.health_notes)


class GuardianLink(models.Model):
    guardian = models.ForeignKey(
        Person, verbose_name="родитель", on_delete=models.CASCADE, related_name="children_links"
    )
    child = models.ForeignKey(Person, verbose_name="ребёнок", on_delete=models.CASCADE, related_name="guardian_links")
    relation = models.CharField("кем приходится", max_length=50, blank=True)

    class Meta:
        verbose_name = "родитель / законный представитель"
        verbose_name_plural = "родители / законные представители"
        constraints = [models.UniqueConstraint(fields=["guardian", "child"], name="unique_guardian_child")]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.child}"


class SensitivePlace(models.TextChoices):
    CARD = "card", "карточка человека"
    EDIT = "edit", "изменение чувствительных сведений"


class SensitiveDataAccess(models.Model):
    """One reading of a person's sensitive flags: who, whose, when and where — never the values."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name="чьи сведения", on_delete=models.CASCADE, related_name="sensitive_reads"
    )
    at = models.DateTimeField("когда", default=timezone.now, db_index=True)
    place = models.CharField("где", max_length=10, choices=SensitivePlace.choices)

    class Meta:
        verbose_name = "просмотр чувствительных сведений"
        verbose_name_plural = "просмотры чувствительных сведений"

    def __str__(self) -> str:
        return f"{self.get_place_display()}: {self.person}"
