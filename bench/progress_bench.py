"""Progress of a large plan: ``progress_for`` against the query it replaced, in the same run.

Builds, in an empty database (DATABASE_URL; a SQLite file in a temporary directory without
it): the agency registry, a generated plan of ``--rows`` activities (bench/generate_plan.py,
imported as ``cchc import-plan`` does), its obligations of last year and this year
(``generate_obligations``), and for ``--approved`` percent of the lead obligations whose
period has ended an approved report (``--done`` percent of them done, with one evidence
row). The reports are inserted in bulk, not through the workflow's actions: a benchmark of
the read, not of the writes.

Then, ``--repeat`` times each, alternating: the previous query (every lead obligation of
every year with an EXISTS on evidence per row, kept below as the reference) and the current
one (one row per activity and lead agency, ``cchc.reporting.progress``). Both must give the
same progress. Prints the medians and the ratio.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench_progress \\
        .venv/bin/python bench/progress_bench.py --rows 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _old_lead_reports(obligations: Any, *, names: Any = None, visit: Any = None, until: Any = None):  # type: ignore[no-untyped-def]
    """The query before this change: every lead obligation, an EXISTS per row."""
    from django.db.models import Exists, F, OuterRef

    from cchc.agencies.models import Role
    from cchc.reporting import progress
    from cchc.reporting.models import DONE_STATUSES, Evidence, ReportState

    if names is not None or visit is not None:
        obligations = obligations.annotate(agency_name=F("agency__name"))
    rows = (
        obligations.filter(role=Role.LEAD)
        .annotate(
            has_evidence=Exists(Evidence.objects.filter(report_id=OuterRef("progress_report")))
        )
        .values_list(
            "activity_id", "agency_id", "period_end", "progress_report__state",
            "progress_report__approved_at", "progress_report__percent",
            "progress_report__work_status", "has_evidence",
            *(("agency_name",) if names is not None or visit is not None else ()),
        )
        .order_by()
    )  # fmt: skip
    leads: dict[int, set[int]] = {}
    latest: dict[tuple[int, int], Any] = {}
    for row in rows:
        activity_id, agency_id, period_end, state, approved_at, percent, status, evidence = row[:8]
        if names is not None:
            names[agency_id] = row[8]
        leads.setdefault(activity_id, set()).add(agency_id)
        if state != ReportState.APPROVED or (until is not None and period_end > until):
            continue
        item = progress._Latest(
            key=(period_end, approved_at),
            percent=percent,
            done=status in DONE_STATUSES and bool(evidence),
        )
        current = latest.get((activity_id, agency_id))
        if current is None or item.key > current.key:
            latest[(activity_id, agency_id)] = item
    return leads, latest


def _build(rows: int, approved: int, done: int, today: dt.date, workdir: Path) -> Any:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from generate_plan import write_plan

    from cchc.agencies.models import Role
    from cchc.agencies.registry import load_registry
    from cchc.plans.actions import import_plan
    from cchc.plans.parsing import parse_path
    from cchc.reporting.models import Evidence, Report, ReportState, WorkStatus
    from cchc.scheduling.models import Obligation
    from cchc.scheduling.obligations import generate_obligations

    call_command("migrate", verbosity=0, interactive=False)
    load_registry()
    path = write_plan(workdir / "plan.md", rows)
    plan = import_plan(
        parsed=parse_path(path), source_sha256=hashlib.sha256(path.read_bytes()).hexdigest()
    ).plan
    generate_obligations(
        plan=plan, since=dt.date(today.year - 1, 1, 1), until=dt.date(today.year, 12, 31), on=today
    )
    rng = random.Random(402)
    past = list(
        Obligation.objects.filter(activity__plan=plan, role=Role.LEAD, period_end__lt=today)
        .order_by("pk")
        .values_list("pk", "period_end")
    )
    reports = []
    for pk, end in past:
        if rng.random() * 100 >= approved:
            continue
        is_done = rng.random() * 100 < done
        when = timezone.make_aware(dt.datetime.combine(end, dt.time(9))) + dt.timedelta(days=10)
        reports.append(
            Report(
                obligation_id=pk,
                work_status=WorkStatus.DONE if is_done else WorkStatus.IN_PROGRESS,
                percent=100 if is_done else rng.randrange(0, 100),
                state=ReportState.APPROVED,
                submitted_at=when,
                approved_at=when + dt.timedelta(days=2),
            )
        )
    Report.objects.bulk_create(reports, batch_size=2000)
    Evidence.objects.bulk_create(
        [
            Evidence(report=r, description="Văn bản")
            for r in Report.objects.filter(work_status=WorkStatus.DONE)
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum would have them
    return plan, {
        "activities": rows,
        "obligations": Obligation.objects.filter(activity__plan=plan).count(),
        "lead_obligations": Obligation.objects.filter(activity__plan=plan, role=Role.LEAD).count(),
        "approved_reports": len(reports),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000, help="activities (2000)")
    parser.add_argument("--approved", type=int, default=70, help="%% of past leads approved (70)")
    parser.add_argument("--done", type=int, default=40, help="%% of approved done (40)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each (7)")
    parser.add_argument(
        "--existing", action="store_true", help="time the plan already in DATABASE_URL (no build)"
    )
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="progress-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'db.sqlite3'}")
    os.environ.setdefault("CCHC_ALLOW_EPHEMERAL_SECRET", "1")
    os.environ.setdefault("CCHC_DATA_DIR", str(workdir))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cchc.settings"
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from cchc.plans.models import Node
    from cchc.reporting import progress

    today = timezone.localdate()
    started = time.perf_counter()
    if args.existing:
        from cchc.plans.models import Plan

        plan, counts = Plan.objects.get(), {"existing": True}
    else:
        plan, counts = _build(args.rows, args.approved, args.done, today, workdir)
    print(f"data: {counts} ({time.perf_counter() - started:.0f} s, {connection.vendor})")
    nodes = list(Node.objects.filter(plan=plan).values_list("id", "parent_id", "kind"))
    new_query = progress._lead_reports

    def run(old: bool) -> tuple[float, Any]:
        progress._lead_reports = _old_lead_reports if old else new_query  # type: ignore[assignment]
        t = time.perf_counter()
        result = progress.progress_for(plan, nodes=nodes)
        return (time.perf_counter() - t) * 1000, result

    run(True), run(False)  # warm-up
    times: dict[str, list[float]] = {"reference (old)": [], "progress_for (new)": []}
    for _ in range(args.repeat):
        old_ms, old = run(True)
        new_ms, new = run(False)
        times["reference (old)"].append(old_ms)
        times["progress_for (new)"].append(new_ms)
        assert (old.activities, old.nodes, old.overall) == (new.activities, new.nodes, new.overall)
    progress._lead_reports = new_query
    old_median = statistics.median(times["reference (old)"])
    new_median = statistics.median(times["progress_for (new)"])
    print("| query | median ms | runs |")
    print("|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.1f} | {args.repeat} |")
    print(f"new / old = {new_median / old_median:.2f} (identical results in every run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
