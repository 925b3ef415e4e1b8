"""API keys: one per user, only the SHA-256 of the key is stored (the key itself is shown once)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.CASCADE, related_name="api_token"
    )
    key_hash = models.CharField("SHA-256 ключа", max_length=64, unique=True)
    # The first characters of the key, so the owner can tell which key is active without the key itself.
    prefix = models.CharField("начало ключа", max_length=8)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    last_used_at = models.DateTimeField("последнее обращение", null=True, blank=True)

    class Meta:
        verbose_name = "ключ API"
        verbose_name_plural = "ключи API"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
