from __future__ import annotations

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """152-ФЗ rights of the person: withdrawal of consent, export, erasure and retention."""

    name = "nastavnik.privacy"
    verbose_name = "Персональные данные"

    def ready(self) -> None:
        from nastavnik.people.signals import consent_withdrawn
        from nastavnik.privacy.withdrawal import on_consent_withdrawn

        consent_withdrawn.connect(on_consent_withdrawn, dispatch_uid="privacy.consent_withdrawn")
