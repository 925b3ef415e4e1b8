"""The bank of best mentoring practices: description, files, tags, search."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BestPractice(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="practices"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="программа",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    pair = models.ForeignKey(
        "pairs.Pair", verbose_name="пара", null=True, blank=True, on_delete=models.SET_NULL, related_name="practices"
    )
    form = models.ForeignKey(
        "programmes.MentoringFormat",
        verbose_name="форма наставничества",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField("название", max_length=300)
    description = models.TextField("описание")
    tags = models.CharField("теги", max_length=300, blank=True, help_text="Через запятую")
    authors = models.CharField("авторы", max_length=300, blank=True)
    # Folded (lower case, ё → е) title, description and tags for search on both databases.
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "лучшая практика"
        verbose_name_plural = "банк лучших практик"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        from nastavnik.common.text import fold

        self.search_text = fold(" ".join([self.title, self.description, self.tags, self.authors]))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class PracticeFile(models.Model):
    practice = models.ForeignKey(BestPractice, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("файл", upload_to="practices/%Y/")
    name = models.CharField("имя файла", max_length=200)
    size = models.PositiveIntegerField("размер, байт", default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "файл практики"
        verbose_name_plural = "файлы практик"


class CatalogueStatus(models.TextChoices):
    INCLUDED = "included", "В каталоге"
    PROPOSED = "proposed", "Предложена"
    DECLINED = "declined", "Отклонена"


class RegionalPractice(models.Model):
    """An entry of the catalogue of regional practices (002, Приложение 3), or a practice proposed to it."""

    source_n = models.PositiveSmallIntegerField("номер в источнике", null=True, blank=True, unique=True)
    form_group = models.CharField("форма наставничества", max_length=100)
    title = models.CharField("название", max_length=500)
    links = models.TextField("ссылки на документы и методические материалы", blank=True, help_text="По одной в строке")
    description = models.TextField("описание", blank=True)
    status = models.CharField(
        "статус", max_length=10, choices=CatalogueStatus.choices, default=CatalogueStatus.PROPOSED
    )
    practice = models.ForeignKey(
        BestPractice,
        verbose_name="практика из банка",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_proposals",
    )
    proposed_by_org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="предложила организация",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decision_note = models.CharField("решение: комментарий", max_length=500, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "региональная практика"
        verbose_name_plural = "каталог региональных практик"
        ordering = ["source_n", "form_group", "title", "id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        from nastavnik.common.text import fold

        self.search_text = fold(" ".join([self.title, self.form_group, self.description]))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]
