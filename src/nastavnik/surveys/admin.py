from __future__ import annotations

from django.contrib import admin

from nastavnik.surveys.models import Campaign, Instrument, InstrumentVersion


class VersionInline(admin.TabularInline):
    model = InstrumentVersion
    extra = 0
    fields = ["number", "source", "is_default_text", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["title", "code"]
    inlines = [VersionInline]


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):
    """Editing the text of a version that has answers saves it as a new version instead."""

    list_display = ["instrument", "number", "source", "is_default_text"]

    def save_model(self, request: object, obj: InstrumentVersion, form: object, change: bool) -> None:
        if change and obj.pk and obj.responses.exists():
            latest = obj.instrument.versions.order_by("-number").first()
            obj.pk = None
            obj.number = (latest.number if latest else obj.number) + 1
            obj.definition = {**obj.definition, "version": obj.number}
        super().save_model(request, obj, form, change)  # type: ignore[arg-type]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "opens_on", "closes_on", "anonymous"]
    raw_id_fields = ["organisation", "programme", "baseline", "created_by"]
