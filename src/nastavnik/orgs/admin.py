from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from nastavnik.orgs.models import AcademicYear, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "kind", "parent", "is_partner"]
    list_filter = ["kind", "is_partner"]
    search_fields = ["name", "short_name", "slug", "inn"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organisation", "role", "grade", "class_letter", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["person__last_name", "person__first_name", "organisation__short_name"]
    raw_id_fields = ["person", "class_teacher", "organisation"]
