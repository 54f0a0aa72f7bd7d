"""``cchc demo``: demo users for every role, to try the application. ``--remove`` deletes them.

The users are named ``demo-…`` and marked "[DEMO]"; each gets a new random password, printed
once here and stored nowhere else. The secretariat and the administrator, who must log in with
a code, also get a new authenticator key and backup codes, printed once with the password.
Running it again resets the passwords, keys and codes. The agencies come
from the registry (``cchc agencies load``); the plain run never creates accounts.

When a plan's obligations exist, the demo focal points' agencies also get five demo reports
for the current (or latest) reporting period, one in each state: a draft, one submitted
(awaiting review), one returned with a comment, one approved, and one awaiting the demo
head's sign-off (the demo Justice department then asks for it). They are written only through
``cchc.reporting.actions``, as the demo users, with a narrative starting "[DEMO]". Running
again skips the obligations that already have a report. ``--remove`` deletes the demo reports
(those whose narrative starts with "[DEMO]" and which a demo user started) and turns off a
sign-off a demo user asked for, before the users; every other report, its history and its
evidence stay.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts.actions import add_member
from cchc.accounts.models import Membership, Role
from cchc.accounts.two_factor import Enrolled, enrol_directly, requires_two_factor
from cchc.agencies.models import Agency
from cchc.agencies.models import Role as Responsibility
from cchc.reporting.actions import (
    ReportError,
    add_evidence,
    approve_report,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import (
    Evidence,
    Report,
    ReportState,
    SignOffSetting,
    evidence_storage,
)
from cchc.reporting.signoff import set_sign_off
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.obligations import status_on

PREFIX = "demo-"
# How a demo report's narrative starts.
MARK = "[DEMO]"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    role: str
    agency_codes: tuple[str, ...]  # the first one valid today is used
    description: str


# After the 2025 merger of Bắc Giang into Bắc Ninh the "bn." agencies carry the work; the
# "bg." ones are for a registry without it.
SO_NOI_VU = ("bn.so-noi-vu", "bg.so-noi-vu")
SO_TU_PHAP = ("bn.so-tu-phap", "bg.so-tu-phap")
SO_TAI_CHINH = ("bn.so-tai-chinh", "bg.so-tai-chinh")
UBND_TINH = ("bn.ubnd-tinh", "bg.ubnd-tinh")

DEMO_USERS = (
    DemoUser("demo-secretariat", Role.SECRETARIAT, SO_NOI_VU, "PAR secretariat"),
    DemoUser("demo-focal-tu-phap", Role.FOCAL_POINT, SO_TU_PHAP, "Focal point, Justice"),
    DemoUser("demo-head-tu-phap", Role.HEAD, SO_TU_PHAP, "Head, Justice"),
    DemoUser("demo-focal-tai-chinh", Role.FOCAL_POINT, SO_TAI_CHINH, "Focal point, Finance"),
    DemoUser("demo-leader", Role.LEADER, UBND_TINH, "Provincial leader"),
    DemoUser("demo-admin", Role.ADMINISTRATOR, SO_NOI_VU, "Administrator"),
)


SECRETARIAT = "demo-secretariat"


@dataclass(frozen=True, slots=True)
class DemoReport:
    focal_point: str  # the demo user who writes it; their agency reports
    state: str


# Each demo focal point gets one report it can still change and one it cannot.
DEMO_REPORTS = (
    DemoReport("demo-focal-tu-phap", ReportState.DRAFT),
    DemoReport("demo-focal-tu-phap", ReportState.SUBMITTED),
    DemoReport("demo-focal-tai-chinh", ReportState.RETURNED),
    DemoReport("demo-focal-tai-chinh", ReportState.APPROVED),
    # Last: from then on the Justice department's reports go to its head first.
    DemoReport("demo-focal-tu-phap", ReportState.AWAITING_SIGN_OFF),
)
HEAD = "demo-head-tu-phap"


def _today() -> dt.date:
    """The day the demo is made for (tests set it here)."""
    return timezone.localdate()


def _agency(codes: tuple[str, ...]) -> Agency | None:
    """The first of the agencies named that exists today and leads obligations, else the
    first leading obligations (the plan's work before a reorganisation), else the first
    existing today, else the first in the registry."""
    today = _today()
    found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    known = [found[c] for c in codes if c in found]
    leading = set(
        Obligation.objects.filter(agency__in=known, role=Responsibility.LEAD)
        .values_list("agency_id", flat=True)
        .distinct()
    )
    ranked = sorted(
        known, key=lambda a: (a.pk not in leading, not a.is_valid_on(today), codes.index(a.code))
    )
    return ranked[0] if ranked else None


def _to_report(agency: Agency, count: int, today: dt.date) -> list[Obligation]:
    """``count`` lead obligations of the agency in its current reporting period: the latest
    whose cut-off has passed, else the first to come."""
    leads = Obligation.objects.filter(agency=agency, role=Responsibility.LEAD).exclude(
        status=ObligationStatus.NOT_APPLICABLE
    )
    ends = sorted(set(leads.values_list("period_end", flat=True)))
    if not ends:
        return []
    passed = [end for end in ends if end < today]
    end = passed[-1] if passed else ends[0]
    rows = leads.filter(period_end=end).select_related("activity", "agency")
    return list(rows.order_by("activity__position", "period_kind", "pk")[:count])


def _write(obligation: Obligation, state: str, users: dict[str, User], focal: User) -> Report:
    """One demo report brought to ``state`` through the workflow's actions."""
    secretariat = users[SECRETARIAT]
    done = state == ReportState.APPROVED
    report = start_report(obligation=obligation, user=focal)
    report = save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status="done" if done else "in_progress",
        percent=100 if done else (30 if state == ReportState.DRAFT else 60),
        narrative=f"{MARK} Báo cáo mẫu để thử ứng dụng: kết quả thực hiện trong kỳ.",
        difficulties=f"{MARK} Chưa có.",
        explanation=f"{MARK} Dữ liệu thử: giải trình mẫu.",
    )
    if state == ReportState.DRAFT:
        return report
    if done:
        add_evidence(
            report=report,
            user=focal,
            description=f"{MARK} Văn bản mẫu chứng minh kết quả",
            document_number="01/DEMO",
            issuer=str(obligation.agency),
        )
    if state == ReportState.AWAITING_SIGN_OFF:
        set_sign_off(
            agency=obligation.agency,
            required=True,
            by=users[HEAD],
            reason=f"{MARK} Thử ký duyệt của thủ trưởng.",
        )
    report = submit_report(report=report, user=focal, expected_version=report.version)
    if state == ReportState.RETURNED:
        report = return_report(
            report=report,
            user=secretariat,
            comment=f"{MARK} Đề nghị bổ sung số liệu và văn bản chứng minh.",
        )
    elif done:
        report = approve_report(report=report, user=secretariat, comment=f"{MARK} Đạt yêu cầu.")
    return report


def demo_reports() -> list[Report]:
    """The reports ``--remove`` deletes: marked "[DEMO]" and started by a demo user."""
    return list(
        Report.objects.filter(
            narrative__startswith=MARK,
            history__from_state="",
            history__actor__username__startswith=PREFIX,
        )
        .distinct()
        .order_by("pk")
    )


# Synthetic dossiers ``cchc demo`` loads (a small province-year; ``--dossiers N``).
DEMO_DOSSIERS = 2_000


def remove_demo_dossiers() -> int:
    """Delete the synthetic dossiers (and their events); real ones stay."""
    from cchc.dossiers.models import Dossier

    deleted, _by_model = Dossier.objects.filter(synthetic=True).delete()
    return deleted


def remove_demo_sign_off() -> int:
    """Stop asking for the sign-off a demo user asked for; how many agencies."""
    latest: dict[int, SignOffSetting] = {}
    for setting in SignOffSetting.objects.select_related("agency", "changed_by").order_by(
        "changed_at", "pk"
    ):
        latest[setting.agency_id] = setting
    demo = [
        s
        for s in latest.values()
        if s.required and s.changed_by is not None and s.changed_by.username.startswith(PREFIX)
    ]
    for setting in demo:
        set_sign_off(
            agency=setting.agency, required=False, by=None, reason=f"{MARK} cchc demo --remove"
        )
    return len(demo)


def remove_demo_reports(*, today: dt.date) -> int:
    """Delete the demo reports, with their history and evidence (files once committed); their
    obligations go back on the clock. How many were deleted."""
    removed = 0
    with transaction.atomic():
        for report in demo_reports():
            obligation = Obligation.objects.select_for_update().get(pk=report.obligation_id)
            locked = Report.objects.select_for_update().get(pk=report.pk)
            for name in (
                Evidence.objects.filter(report=locked)
                .exclude(file="")
                .values_list("file", flat=True)
            ):
                transaction.on_commit(partial(evidence_storage.delete, name))
            locked.delete()
            if obligation.status != ObligationStatus.NOT_APPLICABLE:
                obligation.status = status_on(obligation.deadline, obligation.period_end, today)
                obligation.save(update_fields=["status", "updated_at"])
            removed += 1
    return removed


class Command(BaseCommand):
    help = _(
        "Create (or reset) demo users for every role, printing their one-time passwords (and "
        "two-factor keys and backup codes for the secretariat and the administrator), and, "
        "when the plan's obligations exist, demo reports of the demo focal points' agencies "
        "(a draft, a submitted, a returned, an approved one and one awaiting the head's "
        "sign-off; their narrative starts with [DEMO]). --remove deletes the demo users and "
        "the demo reports (narrative starting with [DEMO], started by a demo user); every "
        "other report and its history stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dossiers",
            type=int,
            default=DEMO_DOSSIERS,
            help=_("Synthetic dossiers of last year to load (0: none)."),
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help=_(
                "Delete every demo user (demo-…) and the reports they started whose narrative "
                "starts with [DEMO]."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["remove"]:
            reports = remove_demo_reports(today=_today())
            remove_demo_sign_off()
            demo_users = User.objects.filter(username__startswith=PREFIX)
            count = demo_users.count()
            demo_users.delete()
            remove_demo_dossiers()
            self.stdout.write(
                _("Demo users removed: %(count)s; demo reports removed: %(reports)s.")
                % {"count": count, "reports": reports}
            )
            return
        agencies = {demo.username: _agency(demo.agency_codes) for demo in DEMO_USERS}
        missing = sorted({d.agency_codes[0] for d in DEMO_USERS if agencies[d.username] is None})
        if missing:
            raise CommandError(
                _(
                    "The agency registry is not loaded (missing: %(codes)s). "
                    "Run `cchc agencies load` first."
                )
                % {"codes": ", ".join(missing)}
            )
        passwords: list[tuple[DemoUser, Agency, str, Enrolled | None]] = []
        with transaction.atomic():
            for demo in DEMO_USERS:
                agency = agencies[demo.username]
                assert agency is not None
                password = secrets.token_urlsafe(12)
                user, _created = User.objects.get_or_create(username=demo.username)
                user.first_name = "[DEMO]"
                user.last_name = demo.description
                user.email = f"{demo.username}@demo.invalid"
                user.is_active = True
                user.set_password(password)
                user.save()
                held = Membership.objects.active().filter(user=user, agency=agency, role=demo.role)
                if not held.exists():
                    add_member(
                        user=user,
                        agency=agency,
                        role=demo.role,
                        by=None,
                        reason=_("Demo data (cchc demo)"),
                    )
                # The secretariat and the administrator must log in with a code: they get an
                # authenticator key and backup codes, printed once below.
                enrolled = (
                    enrol_directly(user=user, reason="cchc demo")
                    if requires_two_factor(user)
                    else None
                )
                passwords.append((demo, agency, password, enrolled))
        self.stdout.write(
            self.style.WARNING(
                _(
                    "DEMO users (passwords are shown only now; run `cchc demo` again to reset "
                    "them, `cchc demo --remove` to delete the demo users):"
                )
            )
        )
        for demo, agency, password, enrolled in passwords:
            self.stdout.write(
                f"  {demo.username:<22} {password:<18} {Role(demo.role).label!s} · {agency}"
            )
            if enrolled is not None:
                self.stdout.write(
                    "      "
                    + _("two-factor key (add it to an authenticator app): %(key)s")
                    % {"key": enrolled.secret}
                )
                self.stdout.write(
                    "      "
                    + _("backup codes (each works once): %(codes)s")
                    % {"codes": " ".join(enrolled.backup_codes)}
                )
        self._reports(agencies)
        if options["dossiers"] > 0:
            self._dossiers(options["dossiers"])

    def _dossiers(self, count: int) -> None:
        from cchc.dossiers import synthetic

        year = _today().year - 1
        result = synthetic.load(count=count, year=year, seed=year)
        self.stdout.write(
            _("Synthetic dossiers of %(year)s: %(created)s created, %(unchanged)s unchanged.")
            % {"year": year, "created": result.created, "unchanged": result.unchanged}
        )

    def _reports(self, agencies: dict[str, Agency | None]) -> None:
        today = _today()
        users = {u.username: u for u in User.objects.filter(username__startswith=PREFIX)}
        wanted: dict[str, list[DemoReport]] = {}
        for demo in DEMO_REPORTS:
            wanted.setdefault(demo.focal_point, []).append(demo)
        slots: list[tuple[DemoReport, Obligation | None]] = []
        for username, demos in wanted.items():
            agency = agencies[username]
            assert agency is not None
            found: list[Obligation | None] = list(_to_report(agency, len(demos), today))
            found += [None] * (len(demos) - len(found))
            slots += zip(demos, found, strict=True)
        if all(obligation is None for _demo, obligation in slots):
            self.stdout.write(
                _(
                    "No obligations for the demo agencies, so no demo reports: only the users "
                    "were created. Import a plan and run `cchc obligations generate`, then run "
                    "`cchc demo` again."
                )
            )
            return
        self.stdout.write(self.style.WARNING(_("DEMO reports:")))
        for demo, obligation in slots:
            state = ReportState(demo.state).label
            if obligation is None:
                self.stdout.write(f"  - {state!s}: " + _("no obligation left in the period"))
                continue
            if Report.objects.filter(obligation=obligation).exists():
                self.stdout.write(
                    f"  - {state!s}: {obligation} · " + _("already has a report, kept as it is")
                )
                continue
            try:
                with transaction.atomic():
                    report = _write(obligation, demo.state, users, users[demo.focal_point])
                    if report.state != demo.state:
                        raise ReportError(
                            _("The report ended as “%(state)s”; it was not kept.")
                            % {"state": report.get_state_display()}
                        )
            except ReportError as exc:
                self.stderr.write(f"  - {state!s}: {obligation} · {exc}")
                continue
            self.stdout.write(f"  - {state!s}: {obligation}")
