from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from nastavnik.monitoring.models import Event, ManualValue, Snapshot, Target


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Snapshots are frozen: the administrator reads them (and may delete a wrong one), never edits."""

    list_display = ["organisation", "academic_year", "kind", "date", "created_at"]
    list_filter = ["kind", "academic_year"]
    readonly_fields = ["organisation", "academic_year", "kind", "date", "values", "created_by", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ManualValue)
class ManualValueAdmin(admin.ModelAdmin):
    list_display = ["organisation", "academic_year", "code", "value", "on_date", "entered_at"]
    list_filter = ["academic_year", "code"]
    raw_id_fields = ["organisation", "entered_by"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "academic_year", "code", "kind", "value"]
    list_filter = ["academic_year", "kind"]
    raw_id_fields = ["organisation", "updated_by"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "date", "kind", "level", "participants"]
    list_filter = ["kind", "level", "academic_year"]
    raw_id_fields = ["organisation", "created_by"]
