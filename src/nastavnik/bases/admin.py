from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from nastavnik.bases.models import MenteeEntry, MentorAssessment, MentorEntry, MentorLevelRule


@admin.register(MentorEntry)
class MentorEntryAdmin(SimpleHistoryAdmin):
    list_display = ["person", "programme", "admission", "status_level", "capacity"]
    list_filter = ["admission", "status_level", "contour"]
    raw_id_fields = ["person", "programme", "programme_form", "partner_organisation", "decided_by", "created_by"]


@admin.register(MenteeEntry)
class MenteeEntryAdmin(SimpleHistoryAdmin):
    list_display = ["person", "programme", "status", "activity"]
    list_filter = ["status", "activity"]
    raw_id_fields = ["person", "programme", "programme_form", "created_by"]


admin.site.register(MentorAssessment)


@admin.register(MentorLevelRule)
class MentorLevelRuleAdmin(admin.ModelAdmin):
    """The rule of mentor status levels; shown read-only to curators on the «Статусы наставников» page."""

    list_display = ["level", "min_completed_pairs", "min_average_rating", "requires_training"]
    list_editable = ["min_completed_pairs", "min_average_rating", "requires_training"]
