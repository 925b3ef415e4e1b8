"""«Школа – Школе» (source 004 §3.5): school profiles of a year and leader ↔ supported pairings."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class SchoolRole(models.TextChoices):
    LEADER = "leader", "Школа-лидер"
    SUPPORTED = "supported", "Поддерживаемая школа (низкие результаты)"
    NONE = "none", "Не участвует"


class SchoolProfile(models.Model):
    """What the pairing needs to know about a school in one academic year."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="школа", on_delete=models.CASCADE, related_name="school_profiles"
    )
    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    results_index = models.DecimalField(
        "индекс результатов",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="От 0 до 100, например средний результат ОГЭ/ЕГЭ/ВПР в процентах.",
    )
    students_count = models.PositiveIntegerField(
        "число обучающихся", validators=[MinValueValidator(1), MaxValueValidator(20000)]
    )
    is_rural = models.BooleanField("сельская школа", default=False)
    role = models.CharField("роль в проекте", max_length=10, choices=SchoolRole.choices, default=SchoolRole.NONE)
    capacity = models.PositiveSmallIntegerField(
        "сколько школ может поддержать",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Для школы-лидера: со сколькими школами она готова работать в паре.",
    )
    updated_at = models.DateTimeField("изменён", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто изменил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "профиль школы («Школа – Школе»)"
        verbose_name_plural = "профили школ («Школа – Школе»)"
        ordering = ["organisation__path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "academic_year"], name="unique_school_profile_per_year"),
            models.CheckConstraint(
                condition=models.Q(results_index__gte=0, results_index__lte=100), name="school_results_index_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.academic_year}"

    @staticmethod
    def default_role(low_results: bool) -> str:
        """A school flagged «низкие результаты» is supported unless the coordinator says otherwise."""
        return SchoolRole.SUPPORTED if low_results else SchoolRole.NONE


class PairingStatus(models.TextChoices):
    PROPOSED = "proposed", "Предложена"
    CONFIRMED = "confirmed", "Подтверждена"


class SchoolPairing(models.Model):
    """A network pair «школа-лидер ↔ школа с низкими результатами» for one academic year."""

    academic_year = models.ForeignKey(
        "orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT, related_name="+"
    )
    leader = models.ForeignKey(
        "orgs.Organisation", verbose_name="школа-лидер", on_delete=models.CASCADE, related_name="+"
    )
    supported = models.ForeignKey(
        "orgs.Organisation", verbose_name="поддерживаемая школа", on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField("балл", default=0)
    reasons = models.JSONField("почему", default=list, blank=True)
    min_gap = models.DecimalField("минимальный разрыв в результатах", max_digits=5, decimal_places=2, default=10)
    status = models.CharField("статус", max_length=10, choices=PairingStatus.choices, default=PairingStatus.PROPOSED)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто предложил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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

    class Meta:
        verbose_name = "пара школ («Школа – Школе»)"
        verbose_name_plural = "пары школ («Школа – Школе»)"
        ordering = ["leader__path", "supported__path"]
        constraints = [
            # A supported school works with one leader in a year (proposed or confirmed).
            models.UniqueConstraint(fields=["academic_year", "supported"], name="one_leader_per_supported_school"),
            models.CheckConstraint(condition=~models.Q(leader=models.F("supported")), name="school_pair_not_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.leader} → {self.supported} ({self.academic_year})"
