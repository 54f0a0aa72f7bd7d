"""Dossier records of the one-stop shop (hồ sơ thủ tục hành chính), their status events, the
ingest tokens of the one-stop systems and the history of every ingest batch.

The schema follows the national synchronisation format (docs/dossiers.md maps each field to its
CSV column). The province code is part of every dossier key. Writes go through
``cchc.dossiers.actions`` / ``cchc.dossiers.ingest``; nothing else stores dossiers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.core.history import HistoryRow


def default_province_code() -> str:
    """The province of this install (setting ``CCHC_PROVINCE_CODE``, "24" = Bắc Giang)."""
    return str(getattr(settings, "CCHC_PROVINCE_CODE", "24"))


class Level(models.TextChoices):
    PROVINCE = "province", _("province level")
    COMMUNE = "commune", _("commune level")


class Channel(models.IntegerChoices):
    IN_PERSON = 1, _("in person")
    ONLINE = 2, _("online")
    POSTAL = 3, _("public postal service")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("full online service")
    PARTIAL = "partial", _("partial online service")
    BLANK = "", _("not an online service")


class Feedback(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    UNSATISFIED = "unsatisfied", _("unsatisfied")
    BLANK = "", _("no feedback")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("received")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("supplement requested")
    SUPPLEMENT_RETURNED = "supplement_returned", _("supplement returned")
    FINISHED = "finished", _("processing finished")
    RESULT_ISSUED = "result_issued", _("electronic result issued")
    DIGITISED = "digitised", _("components digitised")
    DATA_REUSED = "data_reused", _("data reused")
    PAID = "paid", _("fee paid")
    FEEDBACK = "feedback", _("feedback given")
    STATUS = "status", _("status changed")


class TextLimit:
    PROVINCE = 8
    CODE = 64
    PROCEDURE = 64
    FIELD = 255
    AGENCY_CODE = 100
    STATUS = 64


class DossierQuerySet(models.QuerySet["Dossier"]):
    def open(self) -> DossierQuerySet:
        return self.filter(finished_at__isnull=True)

    def finished(self) -> DossierQuerySet:
        return self.filter(finished_at__isnull=False)


class Dossier(models.Model):
    province_code = models.CharField(
        _("province code"), max_length=TextLimit.PROVINCE, default=default_province_code
    )
    code = models.CharField(_("dossier code"), max_length=TextLimit.CODE)
    procedure_code = models.CharField(_("procedure code"), max_length=TextLimit.PROCEDURE)
    field = models.CharField(_("field"), max_length=TextLimit.FIELD, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    agency_code = models.CharField(
        _("agency code as given"), max_length=TextLimit.AGENCY_CODE, blank=True
    )
    level = models.CharField(_("administrative level"), max_length=10, choices=Level.choices)
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel.choices)
    online_level = models.CharField(
        _("online service level"), max_length=10, choices=OnlineLevel.choices, blank=True
    )
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("promised date"), null=True, blank=True)
    # Derived at ingest, never given: without a promised date, the end of the procedure's
    # statutory time counted in working days from reception (``statutory.due``).
    statutory_due_at = models.DateTimeField(
        _("statutory due date"),
        null=True,
        blank=True,
        help_text=_(
            "Without a promised date: the procedure's statutory time counted in working days "
            "from reception."
        ),
    )
    # Derived at ingest, never given: the procedure requires a paper result (kết quả bản giấy,
    # ``ProcedureTime.paper_result``); unknown procedure = not required. 766 indicators 3.3/4.1.
    paper_result = models.BooleanField(
        _("paper result required"),
        default=False,
        help_text=_("Derived from the procedure catalogue: the procedure requires a paper result."),
    )
    finished_at = models.DateTimeField(_("processing finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=TextLimit.STATUS, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(_("supplement requests"), default=0)
    supplement_days = models.PositiveIntegerField(_("days paused for supplements"), default=0)
    e_result = models.BooleanField(_("electronic result"), default=False)
    digitised = models.BooleanField(_("digitised"), default=False)
    reused_data = models.BooleanField(_("reused data"), default=False)
    paid_online = models.BooleanField(_("paid online"), default=False)
    fee = models.DecimalField(
        _("fee (VND)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    feedback = models.CharField(_("feedback"), max_length=12, choices=Feedback.choices, blank=True)
    synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Generated for demos, tests and benchmarks.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-received_at", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "code"], name="dossiers_dossier_unique_code"
            ),
            models.CheckConstraint(
                condition=Q(level__in=Level.values), name="dossiers_dossier_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="dossiers_dossier_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(online_level__in=OnlineLevel.values),
                name="dossiers_dossier_online_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(feedback__in=Feedback.values), name="dossiers_dossier_feedback_valid"
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("received_at")),
                name="dossiers_dossier_finished_after_received",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "received_at"], name="dossiers_agency_received"),
            models.Index(fields=["received_at"], name="dossiers_received"),
            models.Index(fields=["finished_at"], name="dossiers_finished"),
            models.Index(fields=["updated_at"], name="dossiers_updated"),
            models.Index(fields=["procedure_code"], name="dossiers_procedure"),
        ]

    def __str__(self) -> str:
        return f"{self.province_code}/{self.code}"

    @property
    def is_open(self) -> bool:
        return self.finished_at is None


class ProcedureTime(models.Model):
    """The procedure catalogue row: the statutory time of a procedure (thời hạn giải quyết) in
    working days, against which a dossier without a promised date (NgayHenTra) is judged, and
    whether it requires a paper result (kết quả bản giấy; 766 indicators 3.3 and 4.1). Set by
    ``actions.set_procedure_time``, which recomputes the dossiers' derived columns."""

    procedure_code = models.CharField(_("procedure code"), max_length=TextLimit.PROCEDURE)
    working_days = models.PositiveSmallIntegerField(_("statutory time (working days)"))
    paper_result = models.BooleanField(
        _("paper result required"),
        default=False,
        help_text=_(
            "The procedure requires a paper result: its online dossiers count for indicator 3.3 "
            "only with an electronic result, and only its dossiers count for indicator 4.1."
        ),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("procedure statutory time")
        verbose_name_plural = _("procedure statutory times")
        ordering = ["procedure_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure_code"], name="dossiers_proceduretime_unique_code"
            ),
            models.CheckConstraint(
                condition=Q(working_days__gt=0), name="dossiers_proceduretime_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure_code}: {self.working_days}"


class ProcedureTimeChange(HistoryRow):
    """One setting of a procedure's statutory time (``actions.set_procedure_time``): from what
    to what, on which legal basis, and how many dossiers' due dates it moved."""

    procedure_time = models.ForeignKey(
        ProcedureTime,
        on_delete=models.PROTECT,
        related_name="history",
        verbose_name=_("procedure statutory time"),
    )
    working_days_from = models.PositiveSmallIntegerField(
        _("statutory time before (working days)"), null=True, blank=True
    )
    working_days_to = models.PositiveSmallIntegerField(_("statutory time (working days)"))
    paper_result_from = models.BooleanField(
        _("paper result required before"), null=True, blank=True
    )
    paper_result_to = models.BooleanField(_("paper result required"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    dossiers_changed = models.PositiveIntegerField(_("dossiers recomputed"), default=0)

    class Meta(HistoryRow.Meta):
        verbose_name = _("statutory time change")
        verbose_name_plural = _("statutory time changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(working_days_to__gt=0),
                name="dossiers_proceduretimechange_days_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure_time_id}: {self.working_days_from} → {self.working_days_to}"


class DossierEvent(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    at = models.DateTimeField(_("at"))
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["dossier", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind", "at"], name="dossiers_event_unique_kind_at"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="dossiers_event_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["at"], name="dossiers_event_at")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class TokenScope(models.TextChoices):
    INGEST = "ingest", _("dossier ingest")


class IngestTokenQuerySet(models.QuerySet["IngestToken"]):
    def active(self) -> IngestTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class IngestToken(models.Model):
    """A one-stop system's key to ``POST /api/v1/dossiers/events``: only a SHA-256 of the token
    is stored; the token itself is shown once, when created."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    hashed = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=20, choices=TokenScope.choices, default=TokenScope.INGEST
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = IngestTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("ingest token")
        verbose_name_plural = _("ingest tokens")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=TokenScope.values), name="dossiers_token_scope_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IngestMode(models.TextChoices):
    REFUSE = "refuse", _("refuse the whole batch")
    SKIP = "skip", _("skip bad rows")


class IngestSource(models.TextChoices):
    FILE = "file", _("file")
    API = "api", _("API")
    GENERATOR = "generator", _("synthetic generator")


class IngestOutcome(models.TextChoices):
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    REFUSED = "refused", _("refused")


class IngestRun(models.Model):
    """History row of one ingest batch (file, API call or generator run)."""

    source = models.CharField(_("source"), max_length=10, choices=IngestSource.choices)
    token = models.ForeignKey(
        IngestToken,
        verbose_name=_("token"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    mode = models.CharField(
        _("mode"), max_length=10, choices=IngestMode.choices, default=IngestMode.REFUSE
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=IngestOutcome.choices, default=IngestOutcome.RUNNING
    )
    received = models.PositiveIntegerField(_("rows received"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    events_received = models.PositiveIntegerField(_("events received"), default=0)
    events_created = models.PositiveIntegerField(_("events recorded"), default=0)
    errors = models.JSONField(_("errors (first 200)"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ingest run")
        verbose_name_plural = _("ingest runs")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=IngestMode.values), name="dossiers_run_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=IngestOutcome.values), name="dossiers_run_outcome_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.file_name} {self.started_at:%Y-%m-%d %H:%M}"
