"""The Master-shelf (Мастер-полка, source 000 §6): book sets per school, who read what, books
earned by a workshop and donated by it to the library (the stamp names the donating workshop),
and the two reading quests of a year with tasks and the teams' progress."""

from __future__ import annotations

from django.db import models


class BookSet(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    received_on = models.DateField("получен")
    title = models.CharField("набор", max_length=200)

    class Meta:
        ordering = ["-received_on", "id"]


class Book(models.Model):
    book_set = models.ForeignKey(BookSet, on_delete=models.CASCADE, related_name="books")
    title = models.CharField("название", max_length=300)
    author = models.CharField("автор", max_length=200, blank=True)
    age = models.CharField("возраст", max_length=8, blank=True)
    awarded_to = models.ForeignKey(
        "workshops.Workshop",
        verbose_name="заработана мастерской",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="earned_books",
    )
    awarded_on = models.DateField("награда", null=True, blank=True)
    donated_by = models.ForeignKey(
        "workshops.Workshop",
        verbose_name="подарена мастерской",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="donated_books",
    )
    donated_on = models.DateField("передана в библиотеку", null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]


class Reading(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="readings")
    person = models.ForeignKey("people.Person", verbose_name="читатель", on_delete=models.CASCADE, related_name="+")
    read_on = models.DateField("прочитана")

    class Meta:
        ordering = ["-read_on", "id"]
        constraints = [models.UniqueConstraint(fields=["book", "person"], name="workshop_reading_unique")]


class QuestSeason(models.TextChoices):
    # Source 000 §7: the winter quest «Знакомая история» (Dec–Jan) and the final spring quest (Apr–May).
    WINTER = "winter", "Зимний читательский квест"
    SPRING = "spring", "Итоговый читательский квест"


class Quest(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey("orgs.AcademicYear", verbose_name="учебный год", on_delete=models.PROTECT)
    season = models.CharField("квест", max_length=8, choices=QuestSeason.choices)
    title = models.CharField("название", max_length=200)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "academic_year", "season"], name="workshop_quest_two_a_year"
            )
        ]


class QuestTask(models.Model):
    quest = models.ForeignKey(Quest, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField("задание", max_length=300)

    class Meta:
        ordering = ["id"]


class QuestTeam(models.Model):
    quest = models.ForeignKey(Quest, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField("команда", max_length=100)
    keeper = models.ForeignKey(
        "people.Person",
        verbose_name="хранитель ключей",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done = models.ManyToManyField(QuestTask, verbose_name="выполненные задания", blank=True, related_name="+")

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["quest", "name"], name="workshop_quest_team_unique")]
