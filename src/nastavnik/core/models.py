"""Cross-cutting records: the log of sent reminders (every reminder command is idempotent) and the log
of who read whose sensitive data (152-ФЗ: special categories of personal data)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SentReminder(models.Model):
    """One reminder that has been sent; `key` names what it was about, so it is never sent twice."""

    key = models.CharField("ключ", max_length=200, unique=True)
    recipient = models.CharField("кому", max_length=254)
    subject = models.CharField("тема", max_length=300)
    sent_at = models.DateTimeField("отправлено", auto_now_add=True)

    class Meta:
        verbose_name = "отправленное напоминание"
        verbose_name_plural = "отправленные напоминания"

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class SensitivePlace(models.TextChoices):
    CARD = "card", "карточка человека"
    EDIT = "edit", "изменение чувствительных сведений"


class SensitiveDataAccess(models.Model):
    """One reading of a person's sensitive flags: who, whose, when and where — never the values."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="чьи сведения", on_delete=models.CASCADE, related_name="sensitive_reads"
    )
    at = models.DateTimeField("когда", default=timezone.now, db_index=True)
    place = models.CharField("где", max_length=10, choices=SensitivePlace.choices)

    class Meta:
        verbose_name = "просмотр чувствительных сведений"
        verbose_name_plural = "просмотры чувствительных сведений"

    def __str__(self) -> str:
        return f"{self.get_place_display()}: {self.person}"
