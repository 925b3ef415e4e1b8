"""A school's statuses (ЦРЛП, площадка ФИП, ресурсный центр; source 000 §7) and the partnership in
which a second-year school supports a new one (partner support, source 000 §1 task 7)."""

from __future__ import annotations

from django.db import models


class StatusState(models.TextChoices):
    APPLIED = "applied", "Заявка подана"
    GRANTED = "granted", "Статус присвоен"
    REFUSED = "refused", "Отказано"


class StatusLevel(models.TextChoices):
    # «ресурсный центр районного, городского, регионального уровня» (source 000 §7).
    NONE = "", "—"
    DISTRICT = "district", "районный"
    CITY = "city", "городской"
    REGIONAL = "regional", "региональный"


class StatusApplication(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    status = models.SlugField("статус", max_length=20)
    level = models.CharField("уровень", max_length=10, choices=StatusLevel.choices, blank=True, default="")
    applied_on = models.DateField("заявка подана")
    state = models.CharField("состояние", max_length=8, choices=StatusState.choices, default=StatusState.APPLIED)
    decided_on = models.DateField("решение", null=True, blank=True)
    document = models.FileField("документ", upload_to="workshops/statuses/%Y/", blank=True)
    note = models.CharField("примечание", max_length=300, blank=True)

    class Meta:
        ordering = ["-applied_on", "-id"]


class Partnership(models.Model):
    """A second-year school (`mentor_school`) supports a new school in one academic year."""

    mentor_school = models.ForeignKey(
        "orgs.Organisation", verbose_name="школа второго года", on_delete=models.CASCADE, related_name="+"
    )
    new_school = models.ForeignKey(
        "orgs.Organisation", verbose_name="школа-новичок", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["new_school", "academic_year"], name="workshop_partnership_one_per_year"),
            models.CheckConstraint(
                condition=~models.Q(mentor_school=models.F("new_school")), name="workshop_partnership_two_schools"
            ),
        ]


class PartnershipItem(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="items")
    title = models.CharField("пункт плана", max_length=300)
    due_on = models.DateField("срок")
    done = models.BooleanField("выполнен", default=False)

    class Meta:
        ordering = ["due_on", "id"]


class PartnershipMeeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("дата")
    topic = models.CharField("тема", max_length=300)

    class Meta:
        ordering = ["-held_on", "-id"]
