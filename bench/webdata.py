"""The data of the pages and burst benchmarks, built the way the product builds it.

In a fresh database (migrated here): the agency registry (``load_registry``, as ``cchc agencies
load``), the seed plan (``import_plan``, as ``cchc import-plan``), its obligations for this
year and the last (``generate_obligations``, as ``cchc obligations generate``), one focal point
per agency that leads obligations and the secretariat (``add_member``), and reports written
only through ``cchc.reporting.actions``:

* every lead obligation of the seed plan whose deadline has passed gets, at random
  (deterministic), one of: approved 70 %, submitted and awaiting review 8 %, returned 4 %,
  draft 3 %, nothing 15 %. Submissions are dated around the deadline (85 % on time), 40 % of
  the approved reports say the work is done, with one evidence row;
* the burst period is the next deadline (the seed plan's lead obligations with the earliest
  deadline from today; the latest one if none is ahead). When it has fewer lead obligations
  than the burst needs, generated plans (bench/generate_plan.py) are imported and given
  obligations for that period only, until it has enough;
* the burst's targets are that many of the period's lead obligations, each with a draft
  written by its focal point (``start_report`` + ``save_draft``).

Sizes (``--sizes``, ``SIZES``): ``seed`` is the above. ``middle`` and ``large`` add a generated
plan of 500 / 2,000 activities (bench/generate_plan.py, imported with ``import_plan``) with a
year of obligations (``generate_obligations``, this calendar year), and agencies up to 150 / 250
that lead obligations: the registry's, plus bench units (``bench.dv-NNN``, provincial units)
each given lead assignments on a share of the generated activities before the obligations are
generated. The pages then show the generated plan (plan tree, activity, drill-down).

The past reports (of every plan, at every size) are written in bulk: the same shares, texts,
versions and history rows as the actions would write (``bulk_create`` of the reports, their
history rows and evidence, the obligations' statuses in one ``UPDATE`` per status, each plan's
version bumped), without the notifications and the indicators' lock. Through the actions
(``through_actions``, ``--past-through-actions``) the seed plan's 1,600 take minutes on a
loaded machine, and the large plan's 9,800 would take far longer. The burst's drafts, the
burst and the pages still go through the product.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_data" / "plans" / "ke-hoach-402-KH-UBND-bac-giang-2021-2030.md"

# What became of the reports of periods whose deadline has passed (percent of obligations).
PAST_SHARES = (("approved", 70), ("submitted", 8), ("returned", 4), ("draft", 3), ("", 15))
ON_TIME_SHARE = 0.85
DONE_SHARE = 0.40
# The secretariat: Sở Nội vụ, after the 2025 merger or before it.
SECRETARIAT_AGENCIES = ("bn.so-noi-vu", "bg.so-noi-vu")


@dataclasses.dataclass(frozen=True)
class Size:
    name: str
    activities: int  # of the generated plan (0: the seed plan only)
    agencies: int  # agencies that lead obligations, at least (bench units added up to it)


SIZES = {
    "seed": Size("seed", 0, 0),
    "middle": Size("middle", 500, 150),
    "large": Size("large", 2000, 250),
}


@dataclasses.dataclass(frozen=True)
class BurstTarget:
    obligation_id: int
    report_id: int
    user_id: int
    version: int
    late: bool  # the deadline has passed: the form needs an explanation


@dataclasses.dataclass
class BenchData:
    today: dt.date
    plan_id: int
    activity_id: int
    secretariat_id: int
    focal_by_agency: dict[int, int]
    mine_user_id: int
    report_obligation_id: int
    report_user_id: int
    burst_period: str
    burst: list[BurstTarget]
    counts: dict[str, Any]
    timings: dict[str, float]


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self._t, 2)
        _log(f"  {name}: {now - self._t:.1f} s")
        self._t = now


def _import(path: Path, *, number: str | None = None, title: str | None = None) -> Any:
    from cchc.plans.actions import import_plan
    from cchc.plans.parsing import parse_path

    parsed = parse_path(path)
    if number is not None:
        parsed.document.number = number
    if title is not None:
        parsed.document.title = title
    sha = hashlib.sha256(path.read_bytes() + (number or "").encode()).hexdigest()
    return import_plan(parsed=parsed, source_sha256=sha).plan


def _secretariat_agency(today: dt.date) -> Any:
    from cchc.agencies.models import Agency

    found = {a.code: a for a in Agency.objects.filter(code__in=SECRETARIAT_AGENCIES)}
    ranked = sorted(
        found.values(),
        key=lambda a: (not a.is_valid_on(today), SECRETARIAT_AGENCIES.index(a.code)),
    )
    if not ranked:
        raise RuntimeError("the registry has no Sở Nội vụ (bn.so-noi-vu / bg.so-noi-vu)")
    return ranked[0]


def _burst_period(plan: Any, today: dt.date) -> Any:
    """A lead obligation of the next deadline (else of the latest one)."""
    from cchc.agencies.models import Role
    from cchc.scheduling.models import Obligation, ObligationStatus

    leads = Obligation.objects.filter(activity__plan=plan, role=Role.LEAD).exclude(
        status=ObligationStatus.NOT_APPLICABLE
    )
    upcoming = leads.filter(deadline__gte=today).order_by("deadline", "period_end", "pk").first()
    chosen = upcoming or leads.order_by("-deadline", "-period_end", "pk").first()
    if chosen is None:
        raise RuntimeError("the seed plan has no lead obligations")
    return chosen


def _period_leads(period: Any) -> Any:
    from cchc.agencies.models import Role
    from cchc.scheduling.models import Obligation, ObligationStatus

    return Obligation.objects.filter(
        role=Role.LEAD,
        report=period.report,
        period_kind=period.period_kind,
        period_end=period.period_end,
    ).exclude(status=ObligationStatus.NOT_APPLICABLE)


def _add_burst_plans(period: Any, needed: int, today: dt.date, workdir: Path) -> int:
    """Generated plans with obligations in the burst period until it has ``needed`` lead
    obligations; how many plans were added."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate_plan import write_plan

    from cchc.scheduling.obligations import generate_obligations

    added = 0
    while (have := _period_leads(period).count()) < needed:
        if added >= 8:
            raise RuntimeError(f"only {have} lead obligations in the burst period after 8 plans")
        # A generated row leads about 4 obligations of a period (its lead cell often names
        # a group of agencies); ask for a third more than that estimate.
        rows = max(60, math.ceil((needed - have) / 3))
        added += 1
        path = write_plan(workdir / f"burst-plan-{added}.md", rows, seed=402 + added)
        plan = _import(
            path,
            number=f"{900 + added}/KH-BENCH",
            title=f"KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH (DỮ LIỆU BENCHMARK {added})",
        )
        generate_obligations(
            plan=plan,
            since=period.period_end,
            until=period.period_end,
            report=period.report,
            period_kind=period.period_kind,
            on=today,
        )
        _log(f"  burst plan {added}: {rows} rows → {_period_leads(period).count()} leads")
    return added


def _users(today: dt.date) -> tuple[Any, dict[int, Any]]:
    """The secretariat and one focal point per agency that leads obligations."""
    from django.contrib.auth.models import User

    from cchc.accounts.actions import add_member
    from cchc.accounts.models import Role as MemberRole
    from cchc.agencies.models import Agency, Role
    from cchc.scheduling.models import Obligation

    secretariat = User.objects.create_user("bench-secretariat", "snv@bench.invalid", None)
    add_member(
        user=secretariat, agency=_secretariat_agency(today), role=MemberRole.SECRETARIAT, by=None
    )
    lead_agencies = (
        Obligation.objects.filter(role=Role.LEAD).values_list("agency_id", flat=True).distinct()
    )
    focal: dict[int, Any] = {}
    for agency in Agency.objects.filter(pk__in=lead_agencies).order_by("pk"):
        name = f"bench-focal-{agency.pk}"
        user = User.objects.create_user(name, f"{name}@bench.invalid", None)
        add_member(user=user, agency=agency, role=MemberRole.FOCAL_POINT, by=None)
        focal[agency.pk] = user
    return User.objects.get(pk=secretariat.pk), focal


def _pick_state(rng: random.Random) -> str:
    roll = rng.uniform(0, 100)
    for state, share in PAST_SHARES:
        if roll < share:
            return state
        roll -= share
    return ""


def _write_past(
    obligation: Any, state: str, focal: Any, secretariat: Any, rng: random.Random
) -> None:
    """One past report brought to ``state`` through the workflow's actions."""
    from django.utils import timezone

    from cchc.reporting.actions import (
        add_evidence,
        approve_report,
        return_report,
        save_draft,
        start_report,
        submit_report,
    )

    on_time = rng.random() < ON_TIME_SHARE
    done = state == "approved" and rng.random() < DONE_SHARE
    day = obligation.deadline + dt.timedelta(
        days=-rng.randint(0, 10) if on_time else rng.randint(1, 25)
    )
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(7, 17), 30)))
    report = start_report(obligation=obligation, user=focal)
    report = save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status="done" if done else "in_progress",
        percent=100 if done else rng.choice((20, 30, 50, 60, 70, 80)),
        narrative=(
            "Đã triển khai kế hoạch của cơ quan; tổ chức hội nghị quán triệt, ban hành văn bản "
            f"hướng dẫn và theo dõi kết quả thực hiện ({obligation.period_label})."
        ),
        difficulties="" if rng.random() < 0.6 else "Thiếu nhân lực chuyên trách.",
        explanation="" if on_time else "Chậm do chờ số liệu của các đơn vị trực thuộc.",
    )
    if state == "draft":
        return
    if done:
        add_evidence(
            report=report,
            user=focal,
            description="Văn bản chứng minh kết quả thực hiện",
            document_number=f"{rng.randint(10, 999)}/KH-{obligation.agency_id}",
            document_date=day,
            issuer=str(obligation.agency),
        )
    report = submit_report(report=report, user=focal, expected_version=report.version, now=moment)
    if state == "approved":
        approve_report(report=report, user=secretariat, comment="Đạt yêu cầu.")
    elif state == "returned":
        return_report(
            report=report, user=secretariat, comment="Đề nghị bổ sung số liệu và văn bản."
        )


def _sized_plan(size: Size, today: dt.date, workdir: Path) -> tuple[Any, int]:
    """The generated plan of ``size`` with a year of obligations, and the bench units added so
    that at least ``size.agencies`` agencies lead obligations; (plan, units added)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate_plan import write_plan

    from cchc.agencies.models import Agency, AgencyLevel, Assignment, Role
    from cchc.plans.models import Node, NodeKind
    from cchc.scheduling.models import Obligation
    from cchc.scheduling.obligations import generate_obligations

    path = write_plan(workdir / f"plan-{size.name}.md", size.activities, seed=2021)
    plan = _import(
        path,
        number=f"{size.activities}/KH-BENCH",
        title=f"KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH ({size.activities} HOẠT ĐỘNG, DỮ LIỆU BENCHMARK)",
    )
    year = (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    generate_obligations(plan=plan, since=year[0], until=year[1], on=today)
    leading = Obligation.objects.filter(role=Role.LEAD).values("agency_id").distinct().count()
    extra = max(0, size.agencies - leading)
    if extra:
        province = Agency.objects.filter(level=AgencyLevel.PROVINCE).order_by("pk").first()
        units = Agency.objects.bulk_create(
            Agency(
                code=f"bench.dv-{k:03d}",
                name=f"Đơn vị sự nghiệp công lập số {k} (dữ liệu benchmark)",
                level=AgencyLevel.PROVINCIAL_UNIT,
                parent=province,
                source="bench/webdata.py",
            )
            for k in range(1, extra + 1)
        )
        activities = list(
            Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # Each activity one more lead, the units in turn: each leads activities ÷ units.
        Assignment.objects.bulk_create(
            Assignment(
                activity_id=pk,
                role=Role.LEAD,
                agency=units[i % extra],
                source_text=units[i % extra].name,
            )
            for i, pk in enumerate(activities)
        )
        generate_obligations(plan=plan, since=year[0], until=year[1], on=today)
    return plan, extra


def _write_past_bulk(
    obligations: list[Any],
    focal: dict[int, Any],
    secretariat: Any,
    rng: random.Random,
    seed: int,
    plan_id: int,
) -> Counter[str]:
    """The past reports of the generated plan, in bulk: the same shares, texts, versions and
    history rows as ``_write_past`` (without the notifications and the indicators' lock)."""
    from django.db import transaction
    from django.utils import timezone

    from cchc.core.versions import bump_plan
    from cchc.reporting.models import Evidence, Report, ReportState, ReportTransition
    from cchc.scheduling.models import Obligation, ObligationStatus

    wanted: Counter[str] = Counter()
    reports: list[Report] = []
    steps: list[list[tuple[str, str, Any, str, list[str]]]] = []
    evidence: list[tuple[dt.date, Any] | None] = []
    statuses: dict[str, list[int]] = {}
    for obligation in obligations:
        state = _pick_state(rng)
        wanted[state or "none"] += 1
        if not state:
            continue
        own = random.Random(seed * 1_000_003 + obligation.pk)
        on_time = own.random() < ON_TIME_SHARE
        done = state == "approved" and own.random() < DONE_SHARE
        day = obligation.deadline + dt.timedelta(
            days=-own.randint(0, 10) if on_time else own.randint(1, 25)
        )
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(own.randint(7, 17), 30)))
        user = focal[obligation.agency_id]
        fields = ["work_status", "percent", "narrative", "explanation"]
        history: list[tuple[str, str, Any, str, list[str]]] = [
            ("", ReportState.DRAFT, user, "", []),
            (ReportState.DRAFT, ReportState.DRAFT, user, "", fields),
        ]
        version = 2
        if done:
            history.append((ReportState.DRAFT, ReportState.DRAFT, user, "", ["evidence"]))
            version += 1
        final = ReportState.DRAFT
        if state != "draft":
            history.append((ReportState.DRAFT, ReportState.SUBMITTED, user, "", []))
            version += 1
            final = ReportState.SUBMITTED
        if state == "approved":
            history.append(
                (ReportState.SUBMITTED, ReportState.APPROVED, secretariat, "Đạt yêu cầu.", [])
            )
            version += 1
            final = ReportState.APPROVED
        elif state == "returned":
            comment = "Đề nghị bổ sung số liệu và văn bản."
            history.append((ReportState.SUBMITTED, ReportState.RETURNED, secretariat, comment, []))
            version += 1
            final = ReportState.RETURNED
        if state != "draft":
            status = {
                "approved": ObligationStatus.APPROVED,
                "returned": ObligationStatus.LATE,  # the clock's status: the deadline passed
            }.get(state, ObligationStatus.SUBMITTED)
            statuses.setdefault(status, []).append(obligation.pk)
        reports.append(
            Report(
                obligation_id=obligation.pk,
                work_status="done" if done else "in_progress",
                percent=100 if done else own.choice((20, 30, 50, 60, 70, 80)),
                narrative=(
                    "Đã triển khai kế hoạch của cơ quan; tổ chức hội nghị quán triệt, ban hành "
                    "văn bản hướng dẫn và theo dõi kết quả thực hiện "
                    f"({obligation.period_label})."
                ),
                difficulties="" if own.random() < 0.6 else "Thiếu nhân lực chuyên trách.",
                explanation="" if on_time else "Chậm do chờ số liệu của các đơn vị trực thuộc.",
                state=final,
                version=version,
                submitted_at=moment if state != "draft" else None,
                approved_at=moment + dt.timedelta(days=3) if state == "approved" else None,
            )
        )
        steps.append(history)
        evidence.append((day, user) if done else None)
    with transaction.atomic():
        Report.objects.bulk_create(reports, batch_size=2000)
        ReportTransition.objects.bulk_create(
            (
                ReportTransition(
                    report=report,
                    actor=actor,
                    from_state=before,
                    to_state=after,
                    comment=comment,
                    changes=changes,
                )
                for report, history in zip(reports, steps, strict=True)
                for before, after, actor, comment, changes in history
            ),
            batch_size=2000,
        )
        Evidence.objects.bulk_create(
            (
                Evidence(
                    report=report,
                    description="Văn bản chứng minh kết quả thực hiện",
                    document_number=f"{report.pk % 990 + 10}/KH-BENCH",
                    document_date=item[0],
                    added_by=item[1],
                )
                for report, item in zip(reports, evidence, strict=True)
                if item is not None
            ),
            batch_size=2000,
        )
        for status, pks in statuses.items():
            Obligation.objects.filter(pk__in=pks).update(status=status)
        bump_plan(plan_id)
    return wanted


def build(
    *,
    burst_count: int,
    today: dt.date,
    workdir: Path,
    seed: int = 402,
    size: Size = SIZES["seed"],
    through_actions: bool = False,
) -> BenchData:
    """Migrate the (empty) database and fill it; see the module docstring."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Q

    from cchc.agencies.models import Role
    from cchc.agencies.registry import load_registry
    from cchc.reporting.actions import save_draft, start_report
    from cchc.reporting.models import Report, ReportState, ReportTransition
    from cchc.scheduling.models import Obligation, ObligationStatus
    from cchc.scheduling.obligations import generate_obligations

    rng = random.Random(seed)
    clock = _Clock()
    _log("building the data")
    call_command("migrate", verbosity=0, interactive=False)
    clock.lap("migrate")
    load_registry()
    plan = _import(SEED)
    generate_obligations(
        plan=plan,
        since=dt.date(today.year - 1, 1, 1),
        until=dt.date(today.year, 12, 31),
        on=today,
    )
    clock.lap("registry, seed plan, obligations of two years")
    sized, units = (plan, 0)
    if size.activities:
        sized, units = _sized_plan(size, today, workdir)
        clock.lap(f"{size.name}: plan of {size.activities} activities, a year, {units} units")
    period = _burst_period(plan, today)
    burst_plans = _add_burst_plans(period, burst_count, today, workdir)
    clock.lap(f"burst plans ({burst_plans})")

    secretariat, focal = _users(today)
    clock.lap(f"users ({len(focal) + 1})")

    past = list(
        Obligation.objects.filter(activity__plan=plan, role=Role.LEAD, deadline__lt=today)
        .exclude(status=ObligationStatus.NOT_APPLICABLE)
        .exclude(pk__in=_period_leads(period).values("pk"))
        .select_related("agency")
        .order_by("pk")
    )
    wanted: Counter[str] = Counter()
    if not through_actions:
        # In bulk: through the actions the seed plan's 1,600 past reports alone take minutes
        # on a loaded machine (--past-through-actions keeps that way).
        wanted.update(_write_past_bulk(past, focal, secretariat, rng, seed, plan.pk))
        past = []
    for obligation in past:
        state = _pick_state(rng)
        wanted[state or "none"] += 1
        if state:
            # Each report draws from its own generator, so that the shares above do not
            # depend on how many draws the reports before it took.
            own = random.Random(seed * 1_000_003 + obligation.pk)
            _write_past(obligation, state, focal[obligation.agency_id], secretariat, own)
    clock.lap(f"past reports ({sum(v for k, v in wanted.items() if k != 'none')})")
    if sized.pk != plan.pk:
        past = list(
            Obligation.objects.filter(activity__plan=sized, role=Role.LEAD, deadline__lt=today)
            .exclude(status=ObligationStatus.NOT_APPLICABLE)
            .exclude(pk__in=_period_leads(period).values("pk"))
            .order_by("pk")
        )
        bulk = _write_past_bulk(past, focal, secretariat, rng, seed, sized.pk)
        wanted.update(bulk)
        clock.lap(f"past reports of the {size.name} plan, in bulk ({bulk.total() - bulk['none']})")
    plan = sized

    candidates = list(_period_leads(period).order_by("pk").values_list("pk", flat=True))
    chosen = sorted(rng.sample(candidates, burst_count)) if burst_count else []
    burst: list[BurstTarget] = []
    for obligation in Obligation.objects.filter(pk__in=chosen).order_by("pk"):
        user = focal[obligation.agency_id]
        report = start_report(obligation=obligation, user=user)
        report = save_draft(
            report=report,
            user=user,
            expected_version=report.version,
            work_status="in_progress",
            percent=30 + obligation.pk % 4 * 10,
            narrative="Bản nháp: đang tổng hợp kết quả thực hiện trong kỳ.",
        )
        burst.append(
            BurstTarget(
                obligation_id=obligation.pk,
                report_id=report.pk,
                user_id=user.pk,
                version=report.version,
                late=obligation.deadline < today,
            )
        )
    clock.lap(f"burst drafts ({len(burst)})")

    activity = (
        Obligation.objects.filter(activity__plan=plan)
        .values("activity_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "activity_id")
        .first()
    )
    returned = (
        Report.objects.filter(obligation__activity__plan=plan, state=ReportState.RETURNED)
        .select_related("obligation")
        .order_by("pk")
        .first()
    ) or Report.objects.filter(obligation__activity__plan=plan).order_by("pk").first()
    to_write = (
        Obligation.objects.filter(role=Role.LEAD)
        .filter(
            Q(status__in=(ObligationStatus.OPEN, ObligationStatus.LATE))
            | Q(progress_report__state=ReportState.RETURNED)
        )
        .values("agency_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency_id")
        .first()
    )
    if activity is None or returned is None or to_write is None:
        raise RuntimeError("the data has no activity, report or open obligation to show")
    from cchc.plans.models import Node, NodeKind

    counts: dict[str, Any] = {
        "size": size.name,
        "plans": burst_plans + 1 + (size.activities > 0),
        "shown_plan_nodes": Node.objects.filter(plan=plan).count(),
        "shown_plan_activities": Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).count(),
        "bench_units": units,
        "lead_agencies": Obligation.objects.filter(role=Role.LEAD)
        .values("agency_id")
        .distinct()
        .count(),
        "obligations": Obligation.objects.count(),
        "lead_obligations": Obligation.objects.filter(role=Role.LEAD).count(),
        "burst_period_leads": len(candidates),
        "reports": dict(
            Report.objects.values_list("state").annotate(n=Count("pk")).order_by("state")
        ),
        "transitions": ReportTransition.objects.count(),
        "focal_points": len(focal),
        "past_outcomes": dict(wanted),
    }
    _log(f"data: {counts}")
    # A database in service has its planner statistics (autovacuum analyses tables as they
    # fill); one filled in bulk a second ago has none, which makes some plans 10-20x slower
    # for the pages and their references alike.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    clock.lap("analyze")
    return BenchData(
        today=today,
        plan_id=plan.pk,
        activity_id=activity["activity_id"],
        secretariat_id=secretariat.pk,
        focal_by_agency={agency_id: user.pk for agency_id, user in focal.items()},
        mine_user_id=focal[to_write["agency_id"]].pk,
        report_obligation_id=returned.obligation_id,
        report_user_id=focal[returned.obligation.agency_id].pk,
        burst_period=f"{period.period_label} ({period.period_kind}, due {period.deadline})",
        burst=burst,
        counts=counts,
        timings=clock.timings,
    )
