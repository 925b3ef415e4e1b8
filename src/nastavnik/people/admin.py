from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from nastavnik.people.models import Consent, GuardianLink, Person, SensitiveInfo


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "middle_name", "birth_date", "organisation", "has_consent"]
    search_fields = ["last_name", "first_name", "email"]
    list_filter = ["has_consent"]
    raw_id_fields = ["organisation", "user"]


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "given_on", "given_by", "revoked_on"]
    raw_id_fields = ["person", "guardian", "recorded_by"]


@admin.register(SensitiveInfo)
class SensitiveInfoAdmin(SimpleHistoryAdmin):
    raw_id_fields = ["person"]


@admin.register(GuardianLink)
class GuardianLinkAdmin(admin.ModelAdmin):
    raw_id_fields = ["guardian", "child"]
