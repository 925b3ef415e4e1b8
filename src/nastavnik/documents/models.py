"""Editable document templates and issued awards (certificates «Лучший наставник», letters of thanks)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TemplateKind(models.TextChoices):
    ORDER = "order", "Приказ о закреплении наставнических пар (групп)"
    PROGRAMME = "programme", "Программа наставничества"
    ROADMAP = "roadmap", "Дорожная карта / план мероприятий"
    CERTIFICATE = "certificate", "Грамота «Лучший наставник»"
    THANKS = "thanks", "Благодарственное письмо"
    THANKS_PARENTS = "thanks_parents", "Благодарственное письмо родителям наставника-обучающегося"
    THANKS_EMPLOYER = "thanks_employer", "Благодарственное письмо в организацию наставника"
    REPORT = "report", "Отчёт о реализации программы наставничества"
    PASSPORT = "passport", "Паспорт проекта"


class DocumentTemplate(models.Model):
    """An organisation's (or, without one, the platform's) own DOCX template replacing the built-in one."""

    kind = models.CharField("документ", max_length=20, choices=TemplateKind.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="организация",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    file = models.FileField("шаблон DOCX", upload_to="templates/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "шаблон документа"
        verbose_name_plural = "шаблоны документов"
        constraints = [models.UniqueConstraint(fields=["kind", "organisation"], name="one_template_per_kind_and_org")]
