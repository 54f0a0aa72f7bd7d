"""A plan as a tree: plan → sections (any depth) → objectives → tasks → activities.

Every node keeps the source line it was read from and a stable ``key`` that identifies it
across re-imports of the same document, so that importing a revised document updates rows in
place instead of duplicating them. State changes go through ``cchc.plans.actions``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    title = models.TextField(_("title"))
    number = models.CharField(
        _("document number"), max_length=100, blank=True, help_text=_("e.g. 402/KH-UBND")
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=255, blank=True)
    source_name = models.CharField(_("source file"), max_length=255)
    source_format = models.CharField(_("source format"), max_length=20)
    source_sha256 = models.CharField(_("source checksum"), max_length=64)
    # The document's own columns, [{"label": printed header, "field": item field or ""}], in
    # order: the export writes them back so that re-importing the export gives the same plan.
    columns = models.JSONField(_("columns"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-issued_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="plans_plan_unique_number",
                violation_error_message=_("A plan with this document number already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"pk": self.pk})

    def has_field(self, name: str) -> bool:
        return any(col.get("field") == name for col in self.columns)


class NodeKind(models.TextChoices):
    SECTION = "section", _("Section")
    OBJECTIVE = "objective", _("Objective")
    TASK = "task", _("Task")
    ACTIVITY = "activity", _("Activity")


class NodeQuerySet(models.QuerySet["Node"]):
    def activities(self) -> NodeQuerySet:
        return self.filter(kind=NodeKind.ACTIVITY)

    def sections(self) -> NodeQuerySet:
        return self.filter(kind=NodeKind.SECTION)

    def in_document_order(self) -> NodeQuerySet:
        return self.order_by("position")


class Node(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    # The top-level section of this node (itself for a top-level section): areas are counted
    # and filtered by it without walking the tree.
    area = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NodeKind.choices)
    key = models.CharField(_("key"), max_length=255)
    position = models.PositiveIntegerField(_("position"))
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    number = models.CharField(_("number"), max_length=50, blank=True)
    # The numbering the document prints before the words ("3.1: Hoạt động 1", "1.1: Mục tiêu
    # 1"); the title is the words only. ``display`` puts them together, the one place that does.
    label = models.CharField(_("label"), max_length=100, blank=True)
    title = models.TextField(_("title"))
    outputs = models.TextField(_("expected outputs"), blank=True)
    lead = models.TextField(_("lead agency"), blank=True)
    partners = models.TextField(_("coordinating agencies"), blank=True)
    timeframe = models.TextField(_("timeframe"), blank=True)
    budget = models.TextField(_("budget"), blank=True)
    submit_level = models.TextField(_("submitted to"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    extra = models.JSONField(_("other columns"), default=dict, blank=True)
    source_line = models.PositiveIntegerField(_("source line"), null=True, blank=True)
    # Lower-case, diacritics-free text of the node and its ancestors: what search matches.
    search_text = models.TextField(editable=False, blank=True)

    objects = NodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan node")
        verbose_name_plural = _("plan nodes")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key"],
                name="plans_node_unique_key",
                violation_error_message=_("Two nodes of one plan cannot share a key."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=NodeKind.values),
                name="plans_node_kind_valid",
                violation_error_message=_("Unknown plan node kind."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="plans_node_title_not_empty",
                violation_error_message=_("A plan node needs a title."),
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "kind", "position"], name="plans_node_kind_order_idx"),
            models.Index(fields=["plan", "area"], name="plans_node_area_idx"),
        ]

    def __str__(self) -> str:
        return self.display

    def get_absolute_url(self) -> str:
        return reverse("plans:node_detail", kwargs={"plan_pk": self.plan_id, "pk": self.pk})

    @property
    def display(self) -> str:
        """Number, label and title as one line: see ``numbered_title``."""
        return numbered_title(
            kind=self.kind, number=self.number, label=self._label(), title=self.title
        )

    @property
    def labelled_title(self) -> str:
        """Label and title, for lists that print the number in a column of its own."""
        label = self._label()
        return f"{label}: {self.title}" if label else self.title

    @property
    def heading(self) -> str:
        """The node as the tree and the pages head it (``display``)."""
        return self.display

    def _label(self) -> str:
        # A read that left the label out (``only(...)``) gets the title without it rather
        # than one more query per row.
        return "" if "label" in self.get_deferred_fields() else self.label


def numbered_title(*, kind: str, number: str, label: str, title: str) -> str:
    """The one way a node is written with its numbering, on every page, list and export:

    - an area: "I. Cải cách thể chế";
    - an objective or task: its printed label and the words, "1.1: Mục tiêu 1: Cơ bản…";
    - an activity: its row number, label and words, "1. 3.1: Hoạt động 1: Ban hành…".

    A number is written once, without a doubled dot ("1." and "1" both give "1. …").
    """
    number = number.strip().rstrip(".").strip()
    label = label.strip()
    if kind == NodeKind.ACTIVITY:
        prefix = " ".join(p for p in (f"{number}." if number else "", label) if p)
    elif label:
        prefix = label
    else:
        prefix = f"{number}." if number else ""
    if label:
        return f"{prefix}: {title}"
    return f"{prefix} {title}".strip()


class PlanImport(models.Model):
    """One run of ``import_plan`` that stored something: the history of a plan's sources."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="imports")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    source_name = models.CharField(_("source file"), max_length=255)
    source_sha256 = models.CharField(_("source checksum"), max_length=64)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    removed = models.PositiveIntegerField(_("removed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    # [{"key", "kind", "number", "change": created|updated|removed, "fields": [...]}]
    changes = models.JSONField(_("changes"), default=list)
    warnings = models.JSONField(_("warnings"), default=list)

    class Meta:
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")
        ordering = ["-imported_at"]
        get_latest_by = "imported_at"

    def __str__(self) -> str:
        return f"{self.source_name} @ {self.imported_at:%Y-%m-%d %H:%M}"

    def summary(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
        }


class NodeCorrection(models.Model):
    """A correction of an imported node made by hand (admin): who, when, from, to, why."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="corrections")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="corrections")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    corrected_at = models.DateTimeField(_("corrected at"), auto_now_add=True)
    # {"field": {"from": old value, "to": new value}}
    changes = models.JSONField(_("changes"), default=dict)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-corrected_at"]

    def __str__(self) -> str:
        return f"{self.node} @ {self.corrected_at:%Y-%m-%d %H:%M}"
