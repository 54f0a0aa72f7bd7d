"""Admin for memberships, the security log and users' two-factor login.

A membership is added here through ``add_member`` and ended through the "End" action
(``end_membership``); existing rows are not edited, so the history stays true. Membership
changes and the security log are read-only. Lockouts are django-axes' "Access attempts"
(delete one to lift a lockout); a user's two-factor devices are reset with the users'
"Reset two-factor login" action.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.actions import add_member, end_membership
from cchc.accounts.models import (
    Membership,
    MembershipChange,
    Role,
    SecurityEvent,
    is_secretariat_agency,
)
from cchc.accounts.permissions import is_administrator
from cchc.accounts.two_factor import reset_two_factor


class MembershipChangeInline(admin.TabularInline[MembershipChange, Membership]):
    model = MembershipChange
    extra = 0
    can_delete = False
    fields = ("at", "action", "actor", "reason")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=_("End the selected memberships"))
def end_selected(
    modeladmin: MembershipAdmin, request: HttpRequest, queryset: QuerySet[Membership]
) -> None:
    ended = 0
    for membership in queryset.filter(active=True):
        end_membership(membership=membership, by=request.user, reason=str(_("Ended in the admin")))
        ended += 1
    modeladmin.message_user(request, _("%(count)s memberships ended.") % {"count": ended})


class MembershipAddForm(forms.ModelForm[Membership]):
    class Meta:
        model = Membership
        fields = ("user", "agency", "role")

    def clean_user(self) -> Any:
        user = self.cleaned_data["user"]
        if not user.is_active:
            raise forms.ValidationError(
                _("%(user)s is deactivated; activate the account first.") % {"user": user}
            )
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        user, agency, role = data.get("user"), data.get("agency"), data.get("role")
        if (
            user is not None
            and agency is not None
            and Membership.objects.active().filter(user=user, agency=agency, role=role).exists()
        ):
            raise forms.ValidationError(
                _("This person already has this role in this agency."), code="duplicate"
            )
        if (
            role == Role.SECRETARIAT
            and agency is not None
            and not is_secretariat_agency(agency.code)
        ):
            raise forms.ValidationError(
                _(
                    "The PAR secretariat is the Department of Home Affairs (Sở Nội vụ): "
                    "%(agency)s cannot have secretariat members."
                )
                % {"agency": agency},
                code="secretariat_agency",
            )
        return data


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "agency", "role", "active", "since", "ended_at")
    list_filter = ("role", "active")
    list_select_related = ("user", "agency")
    search_fields = ("user__username", "user__first_name", "user__last_name", "agency__name")
    autocomplete_fields = ("user", "agency")
    inlines = (MembershipChangeInline,)
    actions = (end_selected,)

    def get_form(
        self,
        request: HttpRequest,
        obj: Membership | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> Any:
        if obj is None:
            kwargs["form"] = MembershipAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_inlines(self, request: HttpRequest, obj: Membership | None) -> Any:
        return self.inlines if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: Membership | None = None) -> Any:
        if obj is None:
            return ("user", "agency", "role")
        return ("user", "agency", "role", "active", "since", "ended_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> Any:
        if obj is None:
            return ()
        return ("user", "agency", "role", "active", "since", "ended_at")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        """New memberships go through ``add_member`` (history, groups); existing ones are
        read-only here and ended with the "End" action."""
        if change:
            return
        created = add_member(user=obj.user, agency=obj.agency, role=obj.role, by=request.user)
        obj.pk = created.pk


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin[SecurityEvent]):
    """The security log, read-only, for administrators."""

    list_display = ("at", "kind", "username", "ip", "details")
    list_filter = ("kind",)
    search_fields = ("username", "ip")
    date_hierarchy = "at"
    readonly_fields = ("at", "kind", "user", "username", "ip", "details")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=_("Reset two-factor login (lost phone)"))
def reset_two_factor_selected(
    modeladmin: UserAdmin, request: HttpRequest, queryset: QuerySet[User]
) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied
    for user in queryset:
        reset_two_factor(user=user, by=request.user, request=request)
    modeladmin.message_user(
        request,
        _(
            "Two-factor login reset for %(count)s users; those who must use it set it up again "
            "at their next login."
        )
        % {"count": queryset.count()},
    )


@admin.display(description=_("two-factor"), boolean=True)
def two_factor_enabled(user: User) -> bool:
    return bool(getattr(user, "has_two_factor", False))


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    """Django's user admin with the two-factor reset."""

    actions = (reset_two_factor_selected,)
    list_display = ("username", "email", "first_name", "last_name", "is_staff", two_factor_enabled)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        users: QuerySet[User] = super().get_queryset(request)
        return users.annotate(has_two_factor=Exists(confirmed))
