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


class AwardKind(models.TextChoices):
    # Source 003 §9: «школьные грамоты «Лучший наставник»», «благодарственные письма родителям
    # наставников из числа обучающихся», «благодарственное письмо на предприятие или организацию наставника».
    CERTIFICATE = "certificate", "Грамота «Лучший наставник»"
    THANKS = "thanks", "Благодарственное письмо"
    THANKS_PARENTS = "thanks_parents", "Благодарственное письмо родителям наставника-обучающегося"
    THANKS_EMPLOYER = "thanks_employer", "Благодарственное письмо в организацию наставника"


class Award(models.Model):
    """A certificate or a letter of thanks issued to a participant."""

    kind = models.CharField("вид", max_length=20, choices=AwardKind.choices)
    person = models.ForeignKey("people.Person", verbose_name="кому", on_delete=models.CASCADE, related_name="awards")
    # The addressee when it is not the person honoured: the parents of a pupil mentor, the mentor's employer.
    recipient = models.CharField("адресат", max_length=300, blank=True)
    programme = models.ForeignKey(
        "programmes.Programme", verbose_name="программа", on_delete=models.CASCADE, related_name="awards"
    )
    pair = models.ForeignKey(
        "pairs.Pair", verbose_name="пара", null=True, blank=True, on_delete=models.SET_NULL, related_name="awards"
    )
    number = models.CharField("номер", max_length=30)
    issued_on = models.DateField("дата")
    text = models.TextField("текст", blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "награда"
        verbose_name_plural = "награды"
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["programme", "kind", "number"], name="unique_award_number")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.number}"
