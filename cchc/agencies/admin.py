"""Admin for corrections of the registry by the secretariat.

Agencies, their name variants and groups may be corrected here, and the contacts reminders go
to (people without an account) added, corrected or stopped. Successions are recorded on
the agency's page (``record_succession`` ends the agency and moves its work); here only their
date, kind, legal basis and source are corrected. Assignments and their history are read-only:
they follow the plans (``sync_plan_assignments``) and the successions.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cchc.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyLevel,
    Assignment,
    AssignmentChange,
    Contact,
    GroupPhrase,
    Succession,
)
from cchc.agencies.names import phrase_key


class AgencyAliasInline(admin.TabularInline[AgencyAlias, Agency]):
    model = AgencyAlias
    extra = 0
    fields = ("text", "kind", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")


class ContactInline(admin.TabularInline[Contact, Agency]):
    """The people reminders go to besides the agency's members (see ``scheduling.reminders``)."""

    model = Contact
    extra = 0
    fields = ("name", "email", "role", "active")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ("name", "email", "role", "agency", "active")
    list_filter = ("role", "active")
    list_select_related = ("agency",)
    search_fields = ("name", "email", "agency__name", "agency__short_name")
    autocomplete_fields = ("agency",)
    fields = ("agency", "name", "email", "role", "active")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("name", "short_name", "code", "level", "valid_from", "valid_until", "confirmed")
    list_filter = ("level", "confirmed")
    list_select_related = ("parent",)
    search_fields = ("name", "short_name", "code", "aliases__text")
    autocomplete_fields = ("parent",)
    inlines = (AgencyAliasInline, ContactInline)
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "level", "parent")}),
        (_("Validity"), {"fields": ("valid_from", "valid_until")}),
        (
            _("Source"),
            {
                "fields": (
                    "confirmed",
                    ("basis_type", "basis_number", "basis_date"),
                    "basis_issuer",
                    "basis_url",
                    "links",
                    "source",
                    "notes",
                )
            },
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Agency | None = None) -> Any:
        # The code is the registry file's key (and has dots, which a SlugField's form refuses).
        return ("code",) if obj is not None else ()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Name variants are looked up by their folded text, kept in step here as the loader
        and ``map_text`` do."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            if isinstance(instance, AgencyAlias):
                instance.folded = phrase_key(instance.text)
                if instance.pk is None and request.user.is_authenticated:
                    instance.created_by_id = request.user.pk
            instance.save()
        formset.save_m2m()


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin[Succession]):
    list_display = ("predecessor", "successor", "on", "kind", "confirmed")
    list_filter = ("kind", "confirmed")
    list_select_related = ("predecessor", "successor")
    search_fields = ("predecessor__name", "successor__name", "legal_basis")
    readonly_fields = ("predecessor", "successor")
    fields = (
        "predecessor",
        "successor",
        "on",
        "kind",
        "legal_basis",
        ("basis_type", "basis_number", "basis_date"),
        "basis_issuer",
        "basis_url",
        "links",
        "confirmed",
        "source",
    )
    date_hierarchy = "on"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Recorded on the agency's page, which ends the agency and moves its assignments.
        return False


class GroupPhraseFormSet(BaseInlineFormSet[GroupPhrase, AgencyGroup, Any]):
    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            text = form.cleaned_data.get("text") if hasattr(form, "cleaned_data") else None
            if not text or form.cleaned_data.get("DELETE"):
                continue
            clash = GroupPhrase.objects.filter(folded=phrase_key(text))
            if form.instance.pk:
                clash = clash.exclude(pk=form.instance.pk)
            if clash.exists():
                form.add_error("text", _("Another group already uses this phrase."))


class GroupPhraseInline(admin.TabularInline[GroupPhrase, AgencyGroup]):
    model = GroupPhrase
    formset = GroupPhraseFormSet
    extra = 0
    fields = ("text",)


class AgencyGroupForm(forms.ModelForm[AgencyGroup]):
    levels = forms.MultipleChoiceField(
        label=_("member levels"),
        required=False,
        choices=AgencyLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every agency of these levels valid on the date asked is a member."),
    )

    class Meta:
        model = AgencyGroup
        fields = ("code", "name", "levels", "parent", "members", "notes")


@admin.register(AgencyGroup)
class AgencyGroupAdmin(admin.ModelAdmin[AgencyGroup]):
    form = AgencyGroupForm
    list_display = ("name", "code")
    search_fields = ("name", "code", "phrases__text")
    filter_horizontal = ("members",)
    autocomplete_fields = ("parent",)
    inlines = (GroupPhraseInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: AgencyGroup | None = None) -> Any:
        return ("code",) if obj is not None else ()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            if isinstance(instance, GroupPhrase):
                instance.folded = phrase_key(instance.text)
            instance.save()
        formset.save_m2m()


class _ReadOnlyInline(admin.TabularInline[AssignmentChange, Assignment]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class AssignmentChangeInline(_ReadOnlyInline):
    model = AssignmentChange
    fields = ("at", "action", "from_agency", "to_agency", "actor", "reason")
    readonly_fields = fields
    ordering = ("at", "pk")


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin[Assignment]):
    """Read-only: assignments follow the plans' texts and the successions."""

    list_display = ("activity", "role", "agency", "group", "started_on", "ended_on")
    list_filter = ("role", "activity__plan")
    list_select_related = ("activity", "agency", "group")
    search_fields = ("agency__name", "group__name", "source_text", "activity__title")
    inlines = (AssignmentChangeInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Assignment | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Assignment | None = None) -> bool:
        return False
