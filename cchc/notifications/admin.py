"""Notifications in the admin: for looking things up (the administrator), never written here;
``cchc.notifications.actions.notify`` alone writes them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from cchc.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("created_at", "recipient", "kind", "text", "read_at")
    list_filter = ("kind",)
    search_fields = ("recipient__username", "text")
    date_hierarchy = "created_at"
    readonly_fields = (
        "recipient",
        "kind",
        "report",
        "url",
        "text",
        "comment",
        "actor",
        "created_at",
        "read_at",
    )
    list_select_related = ("recipient",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        return super().get_queryset(request).select_related("recipient", "actor")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
