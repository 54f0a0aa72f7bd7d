"""Agencies, their names, groups and successions, and who is assigned to which activity.

Agencies are dated: ``valid_from``/``valid_until`` bound their existence and a Succession says
who took over their work (the 2025 mergers, the end of the district level). Groups ("Các Sở,
ngành", "UBND cấp huyện") name their members by level, so membership on any date follows from
the agencies valid on that date. State changes go through ``cchc.agencies.actions``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.core.history import HistoryRow, one_of

# Stable identifiers of the registry file: lower-case ASCII, digits, dots and dashes
# ("bg.so-noi-vu").
code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9._-]*$",
    _("Use lower-case letters without diacritics, digits, dots and dashes."),
)


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("Province (People's Committee, Council)")
    DEPARTMENT = "department", _("Provincial department")
    PROVINCIAL_UNIT = "provincial_unit", _("Other provincial unit")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    CENTRAL = "central", _("Central body located in the province")
    ENTERPRISE = "enterprise", _("Enterprise")
    OTHER = "other", _("Other")
    # Bodies of the Party (the provincial Party Committee's newspaper…): not a "sở, ban,
    # ngành" of the People's Committee, so in no group by level unless named.
    PARTY = "party", _("Party body")


class AgencyQuerySet(models.QuerySet["Agency"]):
    def valid_on(self, day: dt.date) -> AgencyQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class LegalSource(models.Model):
    """The legal document a registry row rests on (number, date, issuer, optional link),
    shown as "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội"; ``links`` are
    secondary references (press reports…), never the source. ``source`` keeps the
    researcher's notes and is not shown on the pages."""

    basis_type = models.CharField(
        _("kind of document"), max_length=50, blank=True, help_text=_("e.g. Nghị quyết")
    )
    basis_number = models.CharField(_("document number"), max_length=100, blank=True)
    basis_date = models.DateField(_("document date"), null=True, blank=True)
    basis_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    basis_url = models.URLField(_("link to the document"), max_length=500, blank=True)
    links = models.JSONField(_("further links"), default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def citation(self) -> str:
        from cchc.agencies.sources import citation

        return citation(
            kind=self.basis_type,
            number=self.basis_number,
            date=self.basis_date,
            issuer=self.basis_issuer,
        )


class Agency(LegalSource):
    code = models.CharField(_("code"), max_length=100, unique=True, validators=[code_validator])
    name = models.CharField(_("official name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=255, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The last day it existed.")
    )
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Checked against a legal text.")
    )
    source = models.TextField(_("source"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="agencies_agency_name_not_empty",
                violation_error_message=_("An agency needs a name."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=F("valid_until")),
                name="agencies_agency_validity_ordered",
                violation_error_message=_("An agency cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(level__in=AgencyLevel.values),
                name="agencies_agency_level_valid",
                violation_error_message=_("Unknown agency level."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agencies:agency_detail", kwargs={"pk": self.pk})

    def name_on(self, day: dt.date) -> str:
        """The agency's name on ``day``: its latest rename in force, else its name."""
        renames = [r for r in self.renames.all() if r.on <= day]
        return max(renames, key=lambda r: r.on).new_name if renames else self.name

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class AgencyRename(LegalSource):
    """A dated change of an agency's name: the same agency (the same row, its work and
    members) under a new name from ``on`` (e.g. "Sở Nội vụ tỉnh Bắc Ninh" → "… thành phố Bắc
    Ninh" when the province became a centrally-run city). Distinct from a ``Succession``:
    nothing passes to another agency. The resolver matches the names valid on a document's
    date first."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="renames")
    on = models.DateField(_("from"))
    old_name = models.CharField(_("former name"), max_length=255)
    new_name = models.CharField(_("new name"), max_length=255)
    new_short_name = models.CharField(_("new short name"), max_length=255, blank=True)
    aliases = models.JSONField(_("new name variants"), default=list, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    missing = models.TextField(_("what is not verified"), blank=True)
    source = models.TextField(_("source notes"), blank=True)

    class Meta:
        verbose_name = _("agency rename")
        verbose_name_plural = _("agency renames")
        ordering = ["on", "agency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "on"],
                name="agencies_rename_once_a_day",
                violation_error_message=_("This agency already has a rename on this day."),
            ),
            models.CheckConstraint(
                condition=~Q(new_name=""),
                name="agencies_rename_has_name",
                violation_error_message=_("New name: a rename needs the new name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_name} → {self.new_name} ({self.on})"


class AliasKind(models.TextChoices):
    NAME = "name", _("Official name")
    SHORT = "short", _("Short name")
    ABBREVIATION = "abbreviation", _("Abbreviation or variant")
    MAPPED = "mapped", _("Mapped by the secretariat")


class AgencyAlias(models.Model):
    """A way plans write an agency's name; ``folded`` is what the resolver looks up."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(_("text"), max_length=255)
    folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AliasKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agency name variant")
        verbose_name_plural = _("agency name variants")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "folded"],
                name="agencies_alias_unique_per_agency",
                violation_error_message=_("This agency already has this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Succession(LegalSource):
    class Kind(models.TextChoices):
        MERGED = "merged", _("Merged into")
        RENAMED = "renamed", _("Renamed")
        SPLIT = "split", _("Split into")
        DISSOLVED = "dissolved", _("Dissolved; work taken over by")
        ABSORBED = "absorbed", _("Absorbed by")

    predecessor = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="successions_out",
        verbose_name=_("predecessor"),
    )
    successor = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="successions_in",
        verbose_name=_("successor"),
    )
    on = models.DateField(_("from"), help_text=_("The first day the successor took over."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    functions = models.TextField(
        _("functions taken over"),
        blank=True,
        help_text=_("Which of the predecessor's functions this successor took over."),
    )
    confirmed = models.BooleanField(_("confirmed"), default=True)
    source = models.TextField(_("source"), blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("What is not verified, if any."))

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="agencies_succession_unique_pair",
                violation_error_message=_("This succession is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="agencies_succession_not_self",
                violation_error_message=_("An agency cannot succeed itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.on})"


class AgencyGroup(models.Model):
    """A set of agencies named by one phrase: members are the agencies of ``levels`` (under
    ``parent`` if set) valid on the date asked, plus explicit members."""

    code = models.CharField(_("code"), max_length=100, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=255)
    levels = models.JSONField(_("member levels"), default=list, blank=True)
    parent = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("members under"),
    )
    members = models.ManyToManyField(
        Agency, blank=True, related_name="groups", verbose_name=_("explicit members")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("agency group")
        verbose_name_plural = _("agency groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def is_open(self) -> bool:
        """A group without a membership rule ("các cơ quan liên quan"): the secretariat has to
        say who is meant."""
        return not self.levels and not self.members.exists()

    def members_on(self, day: dt.date) -> models.QuerySet[Agency]:
        rule = Q(pk__in=self.members.values("pk"))
        if self.levels:
            by_level = Q(level__in=self.levels)
            if self.parent_id:
                by_level &= Q(parent_id=self.parent_id)
            rule |= by_level
        return Agency.objects.valid_on(day).filter(rule).order_by("level", "name")


class GroupPhrase(models.Model):
    group = models.ForeignKey(AgencyGroup, on_delete=models.CASCADE, related_name="phrases")
    text = models.CharField(_("text"), max_length=255)
    folded = models.CharField(max_length=255, editable=False, unique=True)

    class Meta:
        verbose_name = _("group phrase")
        verbose_name_plural = _("group phrases")

    def __str__(self) -> str:
        return self.text


class Role(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Coordinating")


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def open(self) -> AssignmentQuerySet:
        return self.filter(ended_on__isnull=True)


class Assignment(models.Model):
    """An agency (or a group of agencies) leading or supporting an activity of a plan."""

    activity = models.ForeignKey(
        "plans.Node",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("activity"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("agency"),
    )
    group = models.ForeignKey(
        AgencyGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("agency group"),
    )
    # The text of the plan cell this assignment was read from.
    source_text = models.TextField(_("as written"), blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["activity", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, group__isnull=True)
                | Q(agency__isnull=True, group__isnull=False),
                name="agencies_assignment_agency_xor_group",
                violation_error_message=_("An assignment names an agency or a group."),
            ),
            models.UniqueConstraint(
                fields=["activity", "role", "agency"],
                condition=Q(ended_on__isnull=True, agency__isnull=False),
                name="agencies_assignment_unique_open_agency",
                violation_error_message=_("This agency already has this role here."),
            ),
            models.UniqueConstraint(
                fields=["activity", "role", "group"],
                condition=Q(ended_on__isnull=True, group__isnull=False),
                name="agencies_assignment_unique_open_group",
                violation_error_message=_("This group already has this role here."),
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "ended_on"], name="agencies_assign_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.agency or self.group}"


class AssignmentChange(HistoryRow):
    """History of assignments: created, moved to a successor, ended; who, when, why."""

    class Action(models.TextChoices):
        CREATED = "created", _("Assigned")
        TRANSFERRED = "transferred", _("Moved to a successor")
        ENDED = "ended", _("Ended")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    to_agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to"),
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("assignment change")
        verbose_name_plural = _("assignment changes")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class Contact(models.Model):
    """A person reminders are sent to for an agency: its focal point(s) for PAR reports, its
    head. Accounts (who may log in and file) come with the reporting workflow."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        HEAD = "head", _("Head of agency")
        SECRETARIAT = "secretariat", _("PAR secretariat")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.FOCAL_POINT
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["agency", "role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "email", "role"],
                name="agencies_contact_unique_email_role",
                violation_error_message=_("This person already has this role here."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class ContactChange(HistoryRow):
    """History of the contacts: added, renamed, stopped, resumed; who and when. Kept when the
    contact row is deleted (the agency, the e-mail and the role are copied)."""

    class Action(models.TextChoices):
        ADDED = "added", _("Added")
        CHANGED = "changed", _("Changed")
        STOPPED = "stopped", _("Stopped")
        RESUMED = "resumed", _("Resumed")

    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="history"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="contact_changes")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Contact.Role.choices)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("contact change")
        verbose_name_plural = _("contact changes")
        ordering = ["-at", "-pk"]
        constraints = [
            one_of(
                "action",
                ["added", "changed", "stopped", "resumed"],  # Action.values (not in scope here)
                _("Action: unknown contact change."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.get_action_display()} {self.at:%Y-%m-%d}"


class RegistryConfirmation(LegalSource, HistoryRow):
    """History of the secretariat confirming a registry row (an agency, a succession or a
    rename) against a legal text: who, when, with which basis. Loading the registry file
    again keeps the confirmation (``registry.load_registry`` applies the latest one)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        SUCCESSION = "succession", _("Succession")
        RENAME = "rename", _("Rename")

    kind = models.CharField(_("kind of row"), max_length=20, choices=Kind.choices)
    row_id = models.PositiveBigIntegerField(_("row"))
    label = models.CharField(_("row"), max_length=500)
    reason = models.TextField(_("reason"), blank=True)

    class Meta(HistoryRow.Meta):
        verbose_name = _("registry confirmation")
        verbose_name_plural = _("registry confirmations")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "row_id"], name="agencies_confirm_row_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["agency", "succession", "rename"]),
                name="agencies_confirm_kind_valid",
                violation_error_message=_("Unknown kind of registry row."),
            ),
            models.CheckConstraint(
                condition=~Q(basis_number="") & Q(basis_date__isnull=False) & ~Q(basis_issuer=""),
                name="agencies_confirm_has_basis",
                violation_error_message=_(
                    "A confirmation needs the document's number, date and issuer."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.citation})"
