"""The background tasks in the admin: read-only, to see what failed and why."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from cchc.core.models import Task


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin[Task]):
    list_display = ("name", "state", "attempts", "run_after", "finished_at")
    list_filter = ("state", "name")
    readonly_fields = [field.name for field in Task._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Task | None = None) -> bool:
        return False
