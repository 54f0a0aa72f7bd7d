"""Ingest tokens in the admin, for the administrator only: adding one calls
``actions.create_token`` and shows the token once; "revoke" calls ``actions.revoke_token``.
Tokens are revoked, never edited or deleted (the ingest history names them). The ingest
history (``IngestRun``) is read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.accounts import permissions
from cchc.dossiers.actions import TokenError, create_token, revoke_token
from cchc.dossiers.models import IngestRun, IngestToken


class TokenForm(forms.ModelForm[IngestToken]):
    class Meta:
        model = IngestToken
        fields = ("name",)


@admin.register(IngestToken)
class IngestTokenAdmin(admin.ModelAdmin[IngestToken]):
    form = TokenForm
    list_display = (
        "name",
        "prefix",
        "scope",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    )
    readonly_fields = (
        "prefix",
        "scope",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    )
    actions = ["revoke"]

    def _allowed(self, request: HttpRequest) -> bool:
        return permissions.can_manage_ingest_tokens(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request) and obj is None

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: IngestToken | None = None) -> Any:
        return ["name"] if obj is None else ["name", *self.readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj: IngestToken | None = None) -> Any:
        return self.readonly_fields if obj is None else ("name", *self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: IngestToken, form: Any, change: bool) -> None:
        try:
            new = create_token(name=obj.name, user=request.user)  # type: ignore[arg-type]
        except TokenError as error:
            raise forms.ValidationError(str(error)) from error
        obj.pk = new.token.pk
        messages.warning(
            request,
            _("Token for %(name)s (copy it now: it is not shown again): %(token)s")
            % {"name": new.token.name, "token": new.plain},
        )

    @admin.action(description=gettext_lazy("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[IngestToken]) -> None:
        for token in queryset:
            revoke_token(name=token.name, user=request.user)  # type: ignore[arg-type]
        messages.success(request, _("%(count)s tokens revoked.") % {"count": queryset.count()})


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin[IngestRun]):
    list_display = (
        "started_at",
        "source",
        "file_name",
        "mode",
        "outcome",
        "received",
        "created",
        "updated",
        "unchanged",
        "refused",
        "events_created",
    )
    list_filter = ("source", "outcome", "mode")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_ingest_tokens(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_ingest_tokens(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
