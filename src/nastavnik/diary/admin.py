from __future__ import annotations

from django.contrib import admin

from nastavnik.diary.models import StatusChange


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "old_value", "new_value", "programme", "changed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["person", "programme", "pair", "changed_by"]
    readonly_fields = ["changed_at"]
