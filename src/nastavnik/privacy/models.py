"""The audit of erasures: who erased whom (by id), when and why; never the person's data itself."""

from __future__ import annotations

from django.db import models


class ErasureRecord(models.Model):
    # Plain ids, not foreign keys: the record must outlive both accounts and name nobody.
    person_id = models.PositiveIntegerField("человек (id)", db_index=True)
    actor_id = models.PositiveIntegerField("кто удалил (id учётной записи)", null=True, blank=True)
    at = models.DateTimeField("когда", auto_now_add=True)
    reason = models.TextField("основание")

    class Meta:
        verbose_name = "удаление персональных данных"
        verbose_name_plural = "удаления персональных данных"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Удаление данных человека №{self.person_id}"
