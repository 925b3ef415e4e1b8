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


class TopicChoice(models.Model):
    """The notification topics a person follows, by e-mail address (the reminders' recipient).

    No row: every topic. Composers of higher apps name a reminder's topic (e.g. the growth
    workshops' «Основная», «Управленческая» or one workshop) and `send_once` skips a recipient
    who does not follow it; the topic list itself belongs to the app that defines the topics.
    """

    email = models.CharField("e-mail", max_length=254, unique=True)
    topics = models.JSONField("темы", default=list)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "выбор тем уведомлений"
        verbose_name_plural = "выбор тем уведомлений"

    def __str__(self) -> str:
        return self.email
