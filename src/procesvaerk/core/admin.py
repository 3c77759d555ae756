# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

from django.contrib import admin

from procesvaerk.core.models import AuditEntry, Cooperation, Municipality, Unit


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kommunekode", "cooperation"]
    list_filter = ["cooperation"]
    search_fields = ["name", "kommunekode"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "parent", "leader", "visibility"]
    list_filter = ["municipality", "visibility"]
    search_fields = ["name"]
    autocomplete_fields = ["parent", "leader"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "municipality", "subject_label", "object_type"]
    list_filter = ["action", "municipality"]
    search_fields = ["actor_label", "subject_label", "object_code"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
