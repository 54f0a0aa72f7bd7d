"""The "pages" and "burst" benchmarks: the web application under load, served by gunicorn.

One run: a throwaway database (PostgreSQL ``cchc_bench_<random>`` on 127.0.0.1:5432 by
default, dropped at the end even on failure; ``--sqlite`` for a SQLite file) filled as the
product fills it (bench/webdata.py), static files collected, sessions written through Django's
session engine, then gunicorn (gthread, ``--workers`` × ``--threads``) on a free loopback port
with production settings (``CCHC_DEBUG=0``, a random ``CCHC_SECRET_KEY``) and the bench URLs
(bench/web_settings.py, bench/reference_urls.py). Then, in this order:

* pages (bench/pages_bench.py): six pages and their raw-SQL references under wrk;
* burst (bench/burst_bench.py): 2,000 submissions over a read load, checked in the database.

Prints markdown tables with PASS/FAIL and writes JSON to bench/results/ (pages-<time>.json,
burst-<time>.json).

    scripts/bench pages                    # or: burst, web (both)
    scripts/bench web --duration 5 --runs 5 --concurrency 64
    scripts/bench pages --sqlite --keep-db
    scripts/bench web --sizes seed,middle,large   # pages at each size, burst at the last

``--size`` chooses the data (bench/webdata.py, ``SIZES``: the seed plan, or a generated plan
of 500 or 2,000 activities with a year of obligations); ``--sizes`` runs this module once per
size, each in its own database, and prints each page's figures across the sizes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import secrets
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

# bench/ for its modules, the repository for ``bench.web_settings`` and ``cchc``.
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

import webdata  # noqa: E402
import webtools  # noqa: E402
from webtools import log  # noqa: E402


def _terminate(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def _production_server() -> tuple[int, int]:
    """What ``scripts/run`` and the systemd unit serve with (``cchc/gunicorn_conf.py``: 2 ×
    CPUs + 1 workers of ``CCHC_WEB_THREADS`` threads, or ``CCHC_WEB_WORKERS``)."""
    from cchc import gunicorn_conf

    return gunicorn_conf.workers, gunicorn_conf.threads


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="CCHC pages and burst benchmarks (see the module docstring)."
    )
    p.add_argument("benchmarks", nargs="+", choices=["pages", "burst"])
    db = p.add_argument_group("database")
    db.add_argument("--sqlite", action="store_true", help="a SQLite file instead of PostgreSQL")
    db.add_argument(
        "--pg-admin-url",
        default=webtools.PG_ADMIN_URL,
        help="PostgreSQL database to connect to for CREATE/DROP DATABASE (default %(default)s)",
    )
    db.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    server = p.add_argument_group("server")
    workers, threads = _production_server()
    server.add_argument(
        "--workers",
        type=int,
        default=workers,
        help=f"gunicorn workers (default {workers}: the production default on this machine)",
    )
    server.add_argument(
        "--threads",
        type=int,
        default=threads,
        help=f"threads per worker (default {threads}: the production default)",
    )
    pages = p.add_argument_group("pages")
    pages.add_argument("--duration", type=float, default=3, help="seconds per wrk run (3)")
    pages.add_argument("--runs", type=int, default=3, help="runs per page and reference (3)")
    pages.add_argument("--warmup", type=float, default=1, help="warm-up seconds per address (1)")
    pages.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    pages.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (2)")
    pages.add_argument(
        "--pages",
        default="",
        help="only these pages, comma-separated (plan,activity,report,mine,grid,review,"
        "dashboard,scorecard,drill); default every page",
    )
    burst = p.add_argument_group("burst")
    burst.add_argument("--submissions", type=int, default=2000, help="reports submitted (2000)")
    burst.add_argument("--concurrency", type=int, default=32, help="submitting threads (32)")
    burst.add_argument(
        "--duplicate-share", type=float, default=0.05, help="share posted twice at once (0.05)"
    )
    burst.add_argument(
        "--read-connections", type=int, default=2, help="wrk connections per read page (2)"
    )
    p.add_argument("--results-dir", type=Path, help="where to write the JSON (bench/results)")
    size = p.add_argument_group("sizes (bench/webdata.py, SIZES)")
    size.add_argument(
        "--size",
        choices=list(webdata.SIZES),
        default="seed",
        help="the data: the seed plan, or with a generated plan of 500 (middle) or 2,000 "
        "(large) activities, a year of obligations, 150 / 250 agencies (default seed)",
    )
    size.add_argument(
        "--past-through-actions",
        action="store_true",
        help="write the seed plan's past reports through the workflow's actions (minutes) "
        "instead of in bulk",
    )
    size.add_argument(
        "--sizes",
        help="comma-separated sizes, each in its own database and process, in this order; "
        "pages at every size, burst at the last; then a table of each page across the sizes "
        "(e.g. seed,middle,large)",
    )
    return p


def _payload(kind: str, argv: list[str], args: Any, context: dict[str, Any]) -> dict[str, Any]:
    import django

    return {
        "benchmark": kind,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "bench/web_bench.py " + " ".join(argv),
        "git_commit": webtools.git_commit(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "machine": webtools.machine(),
        "options": {k: str(v) for k, v in vars(args).items()},
        **context,
    }


def _pages(args: Any, argv: list[str], context: dict[str, Any], **kw: Any) -> list[str]:
    import pages_bench

    rows = pages_bench.run(
        **kw,
        runs=args.runs,
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections,
        threads=args.wrk_threads,
    )
    table, failures = pages_bench.report(rows)
    print(f"\n## pages, size {args.size} ({context['database']}, "
          f"gunicorn {args.workers}×{args.threads})\n")  # fmt: skip
    print(table, flush=True)
    payload = _payload("pages", argv, args, context)
    payload.update(
        {
            "wrk": {"connections": args.connections, "threads": args.wrk_threads},
            "results": rows,
            "sql": {name: c["sql"] for name, c in kw["captured"].items()},
            "target_failures": failures,
            "markdown": table,
        }
    )
    webtools.write_results("pages", payload, _out(args, "pages"))
    return failures


def _burst(args: Any, argv: list[str], context: dict[str, Any], **kw: Any) -> list[str]:
    import burst_bench

    res = burst_bench.run(
        **kw,
        submissions=args.submissions,
        concurrency=args.concurrency,
        duplicate_share=args.duplicate_share,
        read_connections=args.read_connections,
    )
    table, failures = burst_bench.report(res)
    print(f"\n## burst, size {args.size} ({context['database']}, "
          f"gunicorn {args.workers}×{args.threads}, "
          f"period {context['burst_period']})\n")  # fmt: skip
    print(table, flush=True)
    payload = _payload("burst", argv, args, context)
    payload.update({"results": res, "target_failures": failures, "markdown": table})
    webtools.write_results("burst", payload, _out(args, "burst"))
    return failures


def _run(args: Any, argv: list[str], workdir: Path, db: webtools.BenchDatabase) -> list[str]:
    """Data, static files, sessions, captured SQL, gunicorn, then the benchmarks asked for;
    the targets missed. Runs with Django set up on the bench database."""
    import pages_bench
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    data = webdata.build(
        burst_count=args.submissions if "burst" in args.benchmarks else 0,
        today=timezone.localdate(),
        workdir=workdir,
        size=webdata.SIZES[args.size],
        through_actions=args.past_through_actions,
    )
    t0 = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    log(f"  collectstatic: {time.perf_counter() - t0:.1f} s")
    users = {data.secretariat_id, data.mine_user_id, data.report_user_id}
    users |= {t.user_id for t in data.burst}
    sessions = {u.pk: webtools.session_for(u) for u in User.objects.filter(pk__in=users)}
    pages = pages_bench.pages_of(data)
    if args.pages:
        wanted = {name.strip() for name in args.pages.split(",") if name.strip()}
        unknown = wanted - {p.name for p in pages}
        if unknown:
            raise SystemExit(f"bench: no such page: {', '.join(sorted(unknown))}")
        pages = [p for p in pages if p.name in wanted]
    captured = pages_bench.capture(pages, sessions)
    sql_file = workdir / "reference-sql.json"
    sql_file.write_text(
        json.dumps({name: c["sql"] for name, c in captured.items()}, ensure_ascii=False),
        encoding="utf-8",
    )
    lua = workdir / "summary.lua"
    lua.write_text(webtools.WRK_LUA, encoding="utf-8")
    connections.close_all()

    server = webtools.start_gunicorn(
        # The server answers to 127.0.0.1 only (this process also to Django's test client).
        env={**os.environ, "CCHC_BENCH_SQL": str(sql_file), "CCHC_ALLOWED_HOSTS": "127.0.0.1"},
        workers=args.workers,
        threads=args.threads,
        workdir=workdir,
    )
    failures: list[str] = []
    try:
        log(f"gunicorn on {server.host}: {args.workers} workers × {args.threads} threads")
        context = {
            "database": db.server_version(),
            "gunicorn": webtools.gunicorn_version(),
            "server": {"workers": args.workers, "threads": args.threads, "class": "gthread"},
            "data": data.counts,
            "data_build_s": data.timings,
            "burst_period": data.burst_period,
            "today": str(data.today),
            "size": args.size,
        }
        common = {"server": server, "sessions": sessions, "lua": lua}
        if "pages" in args.benchmarks:
            failures += _pages(args, argv, context, pages=pages, captured=captured, **common)
        if "burst" in args.benchmarks:
            failures += _burst(args, argv, context, data=data, **common)
        if server.process.poll() is not None:
            failures.append(f"gunicorn died during the run:\n{server.log_tail()}")
        elif any(word in server.log_tail(500) for word in ("Traceback", "[ERROR]")):
            log(f"gunicorn logged errors ({server.log_path}):\n{server.log_tail(40)}")
    finally:
        server.stop()
    return failures


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    if args.sizes:
        return _sizes(args, argv)
    started = time.perf_counter()
    workdir = webtools.temp_workdir()
    db: webtools.BenchDatabase | None = None
    django_ready = False
    failures: list[str] = []
    try:
        data_dir = workdir / "data"
        (data_dir / "static").mkdir(parents=True)
        db = webtools.BenchDatabase.create(
            sqlite=args.sqlite, workdir=workdir, admin_url=args.pg_admin_url, keep=args.keep_db
        )
        log(f"database {db.name} ({db.engine}), work directory {workdir}")
        secret = secrets.token_urlsafe(50)
        os.environ.update(webtools.bench_environment(db=db, data_dir=data_dir, secret=secret))
        import django

        django.setup()
        # The audit log's INFO lines (a membership per focal point) would bury the figures.
        logging.disable(logging.INFO)
        django_ready = True
        failures = _run(args, argv, workdir, db)
    finally:
        # Each step even if the one before it failed: the database is always dropped.
        with contextlib.suppress(Exception):
            if django_ready:
                from django.db import connections

                connections.close_all()
        try:
            if db is not None:
                db.drop()
        finally:
            if not args.keep_db:
                shutil.rmtree(workdir, ignore_errors=True)
        log(f"done in {time.perf_counter() - started:.0f} s")
    return 1 if failures else 0


def _out(args: Any, kind: str) -> Path:
    folder = Path(args.results_dir) if args.results_dir is not None else webtools.RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{args.size}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"


def _without_sizes(argv: list[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--sizes", "--size"):
            skip = True
        elif not arg.startswith(("--sizes=", "--size=")):
            out.append(arg)
    return out


def _sizes(args: Any, argv: list[str]) -> int:
    """Each size in its own process and database (pages at every size, burst at the last),
    then each page's figures across the sizes."""
    import subprocess

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in webdata.SIZES]
    if unknown:
        raise SystemExit(f"unknown sizes: {', '.join(unknown)} (known: {', '.join(webdata.SIZES)})")
    rest = [a for a in _without_sizes(argv) if a not in ("pages", "burst")]
    started = time.perf_counter()
    rc = 0
    runs: dict[str, dict[str, Any]] = {}
    for i, size in enumerate(sizes):
        kinds = [k for k in args.benchmarks if k == "pages" or i == len(sizes) - 1]
        if not kinds:
            continue
        log(f"size {size}: {' and '.join(kinds)}")
        before = time.time()
        command = [sys.executable, str(Path(__file__).resolve()), *kinds, "--size", size, *rest]
        rc = max(rc, subprocess.run(command, check=False).returncode)
        folder = Path(args.results_dir) if args.results_dir is not None else webtools.RESULTS
        found = sorted(
            (p for p in folder.glob(f"pages-{size}-*.json") if p.stat().st_mtime >= before),
            key=lambda p: p.stat().st_mtime,
        )
        if found:
            runs[size] = json.loads(found[-1].read_text(encoding="utf-8"))
    if len(runs) > 1:
        table = growth_table(runs)
        print(f"\n## pages across the sizes\n\n{table}", flush=True)
        out = _out(args, "web")
        webtools.write_results(
            "web",
            {
                "benchmark": "web",
                "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "command": "bench/web_bench.py " + " ".join(argv),
                "git_commit": webtools.git_commit(),
                "sizes": {s: {"data": r["data"], "results": r["results"]} for s, r in runs.items()},
                "markdown": table,
            },
            out.with_name(out.name.replace(f"-{args.size}-", "-sizes-")),
        )
    log(f"all sizes done in {time.perf_counter() - started:.0f} s")
    return rc


def growth_table(runs: dict[str, dict[str, Any]]) -> str:
    """Per page and size: p95 ms, queries, ratio to the reference, req/s ÷ control."""
    sizes = list(runs)
    head = (
        "| page | "
        + " | ".join(f"{s}: p95 ms / queries / ratio / ÷ control" for s in sizes)
        + " | p95 growth |"
    )
    lines = [head, "|---|" + "---:|" * len(sizes) + "---:|"]
    by_size = {s: {r["page"]: r for r in runs[s]["results"]} for s in sizes}
    for page in [r["page"] for r in runs[sizes[0]]["results"]]:
        cells = []
        for s in sizes:
            r = by_size[s].get(page)
            cells.append(
                "–" if r is None else
                f"{r['p95_ms']:.0f} / {r['queries']} / {r['ratio']:.2f} / {r['control_ratio']:.2f}"
            )  # fmt: skip
        first, last = by_size[sizes[0]].get(page), by_size[sizes[-1]].get(page)
        growth = (
            f"{last['p95_ms'] / first['p95_ms']:.1f}×"
            if first and last and first["p95_ms"]
            else "–"
        )
        lines.append(f"| {page} | " + " | ".join(cells) + f" | {growth} |")
    lines.append("")
    data = "; ".join(
        f"{s}: {runs[s]['data'].get('shown_plan_activities', '?')} activities shown, "
        f"{runs[s]['data'].get('obligations', '?')} obligations, "
        f"{runs[s]['data'].get('lead_agencies', '?')} lead agencies, control "
        f"{runs[s]['results'][0]['control_rps']:.0f} req/s"
        for s in sizes
    )
    lines.append(f"Data: {data}.")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
