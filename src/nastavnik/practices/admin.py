from __future__ import annotations

from django.contrib import admin

from nastavnik.practices.models import BestPractice, PracticeFile


class PracticeFileInline(admin.TabularInline):
    model = PracticeFile
    extra = 0
    fields = ["name", "file", "size"]


@admin.register(BestPractice)
class BestPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "tags", "created_at"]
    list_filter = ["form"]
    search_fields = ["title", "tags", "authors"]
    raw_id_fields = ["organisation", "programme", "pair", "created_by"]
    inlines = [PracticeFileInline]
