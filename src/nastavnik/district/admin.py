from __future__ import annotations

from django.contrib import admin

from nastavnik.district.models import SchoolPairing, SchoolProfile


@admin.register(SchoolProfile)
class SchoolProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "academic_year", "results_index", "students_count", "is_rural", "role", "capacity"]
    list_filter = ["academic_year", "role", "is_rural"]
    search_fields = ["organisation__short_name", "organisation__name"]
    raw_id_fields = ["organisation"]


@admin.register(SchoolPairing)
class SchoolPairingAdmin(admin.ModelAdmin):
    list_display = ["leader", "supported", "academic_year", "score", "status"]
    list_filter = ["academic_year", "status"]
    raw_id_fields = ["leader", "supported"]
