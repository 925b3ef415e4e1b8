from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate

# The status levels of mentors and the default rule of each: (level, completed pairs, average
# rating, training required). The administrator edits the rules; a level without a rule gets its
# default back after every migrate (and after a test database is flushed).
DEFAULT_LEVEL_RULES = (
    ("initial", 0, None, False),
    ("gold", 2, 4.0, True),
    ("platinum", 5, 4.5, True),
)


def _ensure_level_rules(sender: AppConfig, **kwargs: Any) -> None:
    from nastavnik.bases.models import MentorLevelRule

    for level, pairs, rating, training in DEFAULT_LEVEL_RULES:
        MentorLevelRule.objects.get_or_create(
            level=level,
            defaults={"min_completed_pairs": pairs, "min_average_rating": rating, "requires_training": training},
        )


class BasesConfig(AppConfig):
    name = "nastavnik.bases"
    verbose_name = "Базы наставников и наставляемых"

    def ready(self) -> None:
        post_migrate.connect(_ensure_level_rules, sender=self, dispatch_uid="nastavnik-level-rules")
