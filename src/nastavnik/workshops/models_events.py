"""Shifts («Выбор», «Оптимизм») and conferences («Факторы роста», «КРОНА Junior») of source 000.

A shift is an event of one school in one academic year with its participants; its feedback
campaign (surveys) is the source's questionnaire named for it in data/growth-workshops-000.yaml,
so the campaign's answers are the shift's answers. A conference is hosted by an organisation
(the region, a district or a school); schools apply with talks, articles or student research.
"""

from __future__ import annotations

from django.db import models


class Shift(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    code = models.SlugField("смена", max_length=20)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    participants = models.ManyToManyField("people.Person", verbose_name="участники", blank=True, related_name="+")
    campaign = models.ForeignKey(
        "surveys.Campaign",
        verbose_name="опрос обратной связи",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "academic_year", "code"], name="workshop_shift_unique")
        ]


class Conference(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организатор", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    code = models.SlugField("конференция", max_length=20)
    held_on = models.DateField("дата")
    place = models.CharField("место", max_length=300, blank=True)
    applications_until = models.DateField("приём заявок до")

    class Meta:
        ordering = ["-held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "academic_year", "code"], name="workshop_conference_unique")
        ]


class ApplicationKind(models.TextChoices):
    TALK = "talk", "Доклад"
    ARTICLE = "article", "Статья в сборник"
    RESEARCH = "research", "Исследовательская работа ученика"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Подана"
    ACCEPTED = "accepted", "Принята"
    DECLINED = "declined", "Отклонена"


class ConferenceApplication(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="школа", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey("people.Person", verbose_name="участник", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("вид", max_length=10, choices=ApplicationKind.choices)
    title = models.CharField("тема", max_length=300)
    status = models.CharField(
        "статус", max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_on = models.DateField("подана")

    class Meta:
        ordering = ["submitted_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "person", "title"], name="workshop_application_unique")
        ]


class ProgrammeItem(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="items")
    starts_at = models.TimeField("начало")
    title = models.CharField("пункт программы", max_length=300)
    application = models.ForeignKey(
        ConferenceApplication, verbose_name="заявка", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["starts_at", "id"]


class ConferenceParticipant(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey("people.Person", verbose_name="участник", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="школа", on_delete=models.CASCADE, related_name="+"
    )
    in_person = models.BooleanField("очно", default=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "person"], name="workshop_conference_participant_unique")
        ]
