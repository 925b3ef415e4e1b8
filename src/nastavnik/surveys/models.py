"""Instruments (versioned questionnaires), campaigns, personal links and responses."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Instrument(models.Model):
    code = models.SlugField("код", max_length=80, unique=True)
    title = models.CharField("название", max_length=300)

    class Meta:
        verbose_name = "методика / анкета"
        verbose_name_plural = "методики и анкеты"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> InstrumentVersion | None:
        return self.versions.order_by("-number").first()


class InstrumentVersion(models.Model):
    """One version of an instrument; answers stay linked to the version they answered."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("версия")
    definition = models.JSONField("содержание")
    source = models.CharField("источник", max_length=120, blank=True)
    is_default_text = models.BooleanField("текст по умолчанию (нет в источниках)", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "версия анкеты"
        verbose_name_plural = "версии анкет"
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="unique_instrument_version")]

    def __str__(self) -> str:
        return f"{self.instrument.title}, версия {self.number}"

    @property
    def min_age(self) -> int | None:
        value = self.definition.get("min_age")
        return int(value) if value else None

    def questions(self) -> list[dict[str, Any]]:
        return [q for section in self.definition.get("sections", []) for q in section.get("questions", [])]


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Черновик"
    OPEN = "open", "Идёт опрос"
    CLOSED = "closed", "Завершён"


class Campaign(models.Model):
    """A survey sent to an audience of one organisation (or programme)."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="campaigns")
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="campaigns"
    )
    version = models.ForeignKey(InstrumentVersion, verbose_name="анкета", on_delete=models.PROTECT)
    title = models.CharField("название опроса", max_length=300)
    anonymous = models.BooleanField("анонимный", default=False)
    # «Не чаще раза в учебный год» (000 §5.5): None follows the instrument's rule; the curator may override it.
    once_per_year = models.BooleanField("не чаще раза в учебный год", null=True, blank=True)
    opens_on = models.DateField("начало")
    closes_on = models.DateField("окончание")
    status = models.CharField("статус", max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    # The «before» campaign this «after» campaign is compared with (stage 2 monitoring).
    baseline = models.ForeignKey(
        "self", verbose_name="опрос «до»", null=True, blank=True, on_delete=models.SET_NULL, related_name="followups"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "опрос"
        verbose_name_plural = "опросы"
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def yearly_limit(self) -> bool:
        """Whether a person who answered this instrument in the academic year is left out."""
        if self.once_per_year is not None:
            return self.once_per_year
        return bool(self.version.definition.get("once_per_year"))


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Invitation(models.Model):
    """A personal link: one answer per token. Anonymous campaigns never link it to the response."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=40, unique=True, default=new_token)
    answered_at = models.DateTimeField("ответил", null=True, blank=True)
    reminded_at = models.DateTimeField("напоминание", null=True, blank=True)

    class Meta:
        verbose_name = "приглашение"
        verbose_name_plural = "приглашения"
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="one_invitation_per_person")]


class Response(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="responses")
    # Empty for anonymous campaigns: the identity is never stored with the answers.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    refused = models.BooleanField("отказ от участия", default=False)
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=list)
    # For anonymous campaigns only the day is kept, so answers cannot be matched to invitations by time.
    submitted_at = models.DateTimeField(default=timezone.now)
    # Denormalised for filters of the results page (kept even for anonymous answers: not identifying alone).
    class_name = models.CharField(max_length=8, blank=True)

    class Meta:
        verbose_name = "ответ"
        verbose_name_plural = "ответы"
        indexes = [models.Index(fields=["campaign", "submitted_at"])]
        # A named respondent answers a campaign once, whatever path the answer took (link or form import).
        # Anonymous answers keep no person and no invitation, so for them the guard is the conditional
        # UPDATE of the invitation in services.store_response.
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"],
                condition=models.Q(person__isnull=False),
                name="one_response_per_person",
            )
        ]


# --- Import of answers from Yandex Forms / Google Forms (surveys.importing) ---------------------------


class AnswerImportStatus(models.TextChoices):
    MAPPING = "mapping", "Ждёт сопоставления столбцов"
    CHECKED = "checked", "Проверен, ждёт загрузки"
    COMMITTED = "committed", "Ответы загружены"


class AnswerImport(models.Model):
    """A form export (CSV/XLSX) waiting for its column mapping and an all-or-nothing commit."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="опрос", on_delete=models.CASCADE, related_name="answer_imports"
    )
    filename = models.CharField("файл", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто загрузил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("загружен", auto_now_add=True)
    status = models.CharField(
        "статус", max_length=10, choices=AnswerImportStatus.choices, default=AnswerImportStatus.MAPPING
    )
    # The header row and the rows below it as text: [[line, [cell, ...]], ...]. Emptied by the commit.
    columns = models.JSONField("столбцы", default=list)
    rows = models.JSONField("строки", default=list)
    # {"questions": {question id: column}, "respondent": column | null, "time": column | null, "consent": [ids]}
    mapping = models.JSONField("сопоставление", default=dict)
    errors = models.JSONField("ошибки", default=list)  # [{"line": 7, "message": "строка 7, …"}]
    summary = models.JSONField("итог", default=dict)
    committed_at = models.DateTimeField("загружен в базу", null=True, blank=True)

    class Meta:
        verbose_name = "загрузка ответов из формы"
        verbose_name_plural = "загрузки ответов из форм"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename


class ImportedResponse(models.Model):
    """The import that created a response and a keyed hash of its row: a row is never imported twice."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="imported_from")
    batch = models.ForeignKey(AnswerImport, on_delete=models.CASCADE, related_name="imported")
    row_hash = models.CharField(max_length=32)
    # Keyed hash of (campaign, respondent, submission time to the second): the same for a CSV and its XLSX
    # re-download. Empty for responses imported before it existed (they are recognised by row_hash).
    fingerprint = models.CharField(max_length=40, blank=True, default="", db_index=True)

    class Meta:
        verbose_name = "ответ из формы"
        verbose_name_plural = "ответы из форм"
