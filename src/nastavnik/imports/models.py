"""An uploaded staff/students file, parsed and validated, waiting for an all-or-nothing commit."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportKind(models.TextChoices):
    STUDENTS = "students", "Обучающиеся"
    STAFF = "staff", "Педагоги и сотрудники"


class ImportStatus(models.TextChoices):
    READING = "reading", "Читается и проверяется в фоне"
    MAPPING = "mapping", "Ждёт сопоставления столбцов"
    PREVIEW = "preview", "Проверен, ждёт загрузки"
    QUEUED = "queued", "В очереди на загрузку"
    RUNNING = "running", "Загружается в базу"
    COMMITTED = "committed", "Загружен"
    DISCARDED = "discarded", "Отменён"


class ImportBatch(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="imports"
    )
    kind = models.CharField("что загружаем", max_length=10, choices=ImportKind.choices)
    filename = models.CharField("файл", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто загрузил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("загружен", auto_now_add=True)
    status = models.CharField("статус", max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    # Normalised rows: [{"line": 2, "last_name": ..., ...}], and errors: [{"line", "column", "message"}].
    rows = models.JSONField("строки", default=list)
    errors = models.JSONField("ошибки", default=list)
    summary = models.JSONField("итог", default=dict)
    committed_at = models.DateTimeField("загружен в базу", null=True, blank=True)
    # Warnings do not stop a row: [{"line", "column", "message"}] like the errors.
    warnings = models.JSONField("предупреждения", default=list)
    # «загрузить корректные строки, пропустить ошибочные»: chosen at the commit.
    skip_invalid = models.BooleanField("пропустить строки с ошибками", default=False)
    # A big file is saved by the huey worker; the page polls these two fields.
    in_background = models.BooleanField("в фоне", default=False)
    progress = models.PositiveSmallIntegerField("готово, %", default=0)
    message = models.CharField("состояние", max_length=300, blank=True)
    # The sheet as read (titles, cells, skipped lines) until the commit, so the column mapping can be changed;
    # and the mapping used: {"columns": {"<index>": "<field>"}, "remembered": bool}.
    source = models.JSONField("таблица из файла", default=dict, blank=True)
    mapping = models.JSONField("сопоставление столбцов", default=dict, blank=True)
    # A big file waits here, as uploaded, until the worker has read and checked it (then it is emptied).
    upload = models.BinaryField("загруженный файл до проверки", default=b"", blank=True, editable=False)

    class Meta:
        verbose_name = "импорт"
        verbose_name_plural = "импорты"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"


class ImportMapping(models.Model):
    """A confirmed column mapping of one file layout, reused for the next upload of the same layout."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name="организация", on_delete=models.CASCADE, related_name="import_mappings"
    )
    kind = models.CharField("что загружаем", max_length=10, choices=ImportKind.choices)
    # A hash of the normalised column titles in file order.
    header_signature = models.CharField("заголовки файла", max_length=64)
    # {"columns": [["<title as in the file>", "<field or empty>"], ...]}
    mapping = models.JSONField("сопоставление", default=dict)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "сопоставление столбцов"
        verbose_name_plural = "сопоставления столбцов"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "header_signature"], name="import_mapping_unique_layout"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.header_signature[:8]}"
