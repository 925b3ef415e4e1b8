from __future__ import annotations

from django.contrib import admin

from nastavnik.programmes import models


class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "source", "is_active"]
    search_fields = ["name", "code"]


for model in (
    models.MentoringFormat,
    models.FormVariant,
    models.RoleModel,
    models.InteractionVariant,
    models.MentoringType,
    models.ProblemCategory,
    models.MentorTrait,
):
    admin.site.register(model, ReferenceAdmin)


class ProgrammeFormatInline(admin.TabularInline):
    model = models.ProgrammeFormat
    extra = 0


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "academic_year", "status"]
    list_filter = ["status", "academic_year"]
    inlines = [ProgrammeFormatInline]
    raw_id_fields = ["curator"]
