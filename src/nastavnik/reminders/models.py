"""The log of sent reminders: every reminder command is idempotent, a key is sent once."""

from __future__ import annotations

from django.db import models


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
