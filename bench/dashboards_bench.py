"""The dashboards' own timing: medians of repeated requests with Django's test client.

Run from the checkout to measure (its ``cchc`` is imported from the current directory, so the
same script times another checkout: ``cd /work/main && python /path/to/dashboards_bench.py``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_dashbench \\
        .venv/bin/python bench/dashboards_bench.py --build      # build the data once (keeps it)
    DATABASE_URL=… .venv/bin/python bench/dashboards_bench.py --repeat 15

Data: ``bench/webdata.py`` (registry, the seed plan with obligations of two years and past
reports written through the workflow's actions) and, for the large size, a generated plan of
2,000 activities (``bench/generate_plan.py``) with a year of obligations; its past lead
obligations get reports in the shares of ``webdata.PAST_SHARES``, written in bulk (the
actions would take an hour at that size; the dashboards only read them).

Each page is requested ``--repeat`` times by the user who reads it: the overview and the
drill-down of the first area and the scorecard of the agency leading most activities, as
the secretariat; and a control page (``/healthz``: fixed and cheap),
so that a slower machine shows in it too. ``warm``: requests one after the other (what a
cache keeps); ``cold``: the process's cache emptied before each request (what a change costs
the first reader). The table gives medians and p95 (nearest rank) in ms and the queries of one
request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(Path.cwd()))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
os.environ.setdefault("CCHC_ALLOW_EPHEMERAL_SECRET", "1")

LARGE_NUMBER = "2000/KH-BENCH"


def _build_large(today: dt.date, workdir: Path, rows: int) -> None:
    from django.utils import timezone
    from generate_plan import write_plan
    from webdata import ON_TIME_SHARE, PAST_SHARES, _import

    from cchc.agencies.models import Role
    from cchc.reporting.models import Report, ReportState
    from cchc.scheduling.models import Obligation, ObligationStatus
    from cchc.scheduling.obligations import generate_obligations

    plan = _import(
        write_plan(workdir / "large.md", rows, seed=2000),
        number=LARGE_NUMBER,
        title="KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH (2.000 HOẠT ĐỘNG, BENCHMARK)",
    )
    generate_obligations(
        plan=plan, since=dt.date(today.year, 1, 1), until=dt.date(today.year, 12, 31), on=today
    )
    rng = random.Random(2000)
    reports = []
    past = (
        Obligation.objects.filter(activity__plan=plan, role=Role.LEAD, deadline__lt=today)
        .exclude(status=ObligationStatus.NOT_APPLICABLE)
        .order_by("pk")
    )
    for o in past:
        roll, state = rng.uniform(0, 100), ""
        for name, share in PAST_SHARES:
            if roll < share:
                state = name
                break
            roll -= share
        if not state:
            continue
        day = o.deadline + dt.timedelta(
            days=-rng.randint(0, 10) if rng.random() < ON_TIME_SHARE else rng.randint(1, 25)
        )
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 30)))
        sent = state in (ReportState.SUBMITTED, ReportState.APPROVED)
        reports.append(
            Report(
                obligation=o,
                state=state,
                percent=rng.choice((20, 30, 50, 60, 70, 80, 100)),
                narrative="Đã triển khai.",
                submitted_at=moment if sent or state == ReportState.RETURNED else None,
                approved_at=moment + dt.timedelta(days=2) if state == "approved" else None,
            )
        )
    Report.objects.bulk_create(reports, batch_size=2000)
    print(f"large plan {plan.pk}: {rows} rows, {len(reports)} reports", file=sys.stderr)


def build(today: dt.date, rows: int) -> None:
    import webdata

    with tempfile.TemporaryDirectory() as tmp:
        webdata.build(burst_count=0, today=today, workdir=Path(tmp))
        _build_large(today, Path(tmp), rows)


def _pages() -> list[tuple[str, str, str, int]]:
    """(size, page, address, user id) of the pages timed."""
    from django.db.models import Count
    from django.urls import reverse

    from cchc.accounts.models import Membership, Role
    from cchc.plans.models import Node, NodeKind, Plan
    from cchc.scheduling.models import Obligation

    snv = Membership.objects.filter(role=Role.SECRETARIAT).values_list("user_id", flat=True)[0]
    seed = Plan.objects.exclude(number__contains="BENCH").order_by("pk").first()
    large = Plan.objects.filter(number=LARGE_NUMBER).first()
    out = []
    for size, plan in (("seed", seed), ("2,000 activities", large)):
        if plan is None:
            continue
        area = (
            Node.objects.filter(plan=plan, kind=NodeKind.SECTION, parent=None)
            .order_by("position")
            .values_list("pk", flat=True)[0]
        )
        agency = (
            Obligation.objects.filter(activity__plan=plan, role="lead")
            .values("agency_id")
            .annotate(n=Count("activity_id", distinct=True))
            .order_by("-n", "agency_id")[0]["agency_id"]
        )
        n = Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).count()
        label = f"{size} ({n} act.)"
        query = f"?plan={plan.pk}"
        out += [
            (label, "overview", reverse("dashboards:overview") + query, snv),
            (label, "scorecard", reverse("dashboards:scorecard", args=[agency]) + query, snv),
            (label, "drill", reverse("dashboards:drill", args=[plan.pk, area]), snv),
        ]  # fmt: skip
    out.append(("-", "control /healthz", "/healthz", snv))
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(0.95 * len(ordered) + 0.5) - 1)]


def measure(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    try:  # the figures' own cache (this change); absent from older checkouts
        from cchc.dashboards.cache import forget_figures
    except ImportError:

        def forget_figures() -> None:
            pass

    print("| size | page | mode | median ms | p95 ms | queries |\n|---|---|---|---:|---:|---:|")
    for size, page, address, user_id in _pages():
        client = Client()
        client.force_login(User.objects.get(pk=user_id))
        client.get(address)  # warm-up: imports, templates, the periods
        for mode in ("cold", "warm"):
            times = []
            for _ in range(repeat):
                if mode == "cold":
                    cache.clear()
                    forget_figures()
                start = time.perf_counter()
                response = client.get(address)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (address, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(address)
            print(
                f"| {size} | {page} | {mode} | {statistics.median(times):,.0f} | "
                f"{_p95(times):,.0f} | {len(queries)} |",
                flush=True,
            )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", action="store_true", help="migrate and fill the (empty) database")
    p.add_argument("--rows", type=int, default=2000, help="activities of the large plan")
    p.add_argument("--repeat", type=int, default=15, help="requests per page and mode")
    args = p.parse_args()
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    # Static addresses without collectstatic's manifest (the pages' HTML is what is timed).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if args.build:
        build(dt.datetime.now(dt.UTC).date(), args.rows)
    measure(args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
