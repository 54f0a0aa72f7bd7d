"""The "pages" benchmark: plan, activity, report and dashboard pages under concurrent load.

Each page is requested by wrk on loopback from the gunicorn the benchmark started, logged in
with a session cookie of the user who reads it, for ``--duration`` seconds, ``--runs`` times,
after a warm-up. Its reference, in the same run and alternating with it, is
``/__bench__/reference/<page>/`` (bench/reference_urls.py): the same SQL the page ran when it
was captured, replayed with ``connection.cursor()``, and a tiny response. Called by
bench/web_bench.py, which builds the data and starts the server.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from webtools import WrkResult, log, median, request, run_wrk

# benchmarks.md, "pages".
TARGET_RATIO = 0.5
TARGET_P95_MS = 300.0
TARGET_QUERIES = 10
# Fewer answers than this in a run: the run is repeated with twice the duration (up to 4×).
MIN_ANSWERS = 10
# A fixed, cheap page served in the same run (bench/reference_urls.py).
CONTROL_PATH = "/__bench__/control/"


@dataclasses.dataclass(frozen=True)
class Page:
    name: str
    path: str
    user_id: int
    who: str
    what: str


def pages_of(data: Any) -> list[Page]:
    from django.urls import reverse

    snv, focal = data.secretariat_id, "focal point"
    return [
        Page("plan", reverse("plans:plan_detail", args=[data.plan_id]), snv, "secretariat",
             "the seed plan's tree with progress"),
        Page("activity", reverse("plans:node_detail", args=[data.plan_id, data.activity_id]),
             snv, "secretariat", "the seed activity with the most obligations"),
        Page("report", reverse("reporting:obligation", args=[data.report_obligation_id]),
             data.report_user_id, focal, "a returned report, with its form and history"),
        Page("mine", reverse("reporting:mine"), data.mine_user_id, focal,
             "my reports of the agency with the most to write"),
        Page("grid", reverse("reporting:grid"), snv, "secretariat",
             "the status grid of the default period"),
        Page("review", reverse("reporting:review"), snv, "secretariat",
             "every report awaiting review"),
        *_dashboard_pages(data),
    ]  # fmt: skip


def _dashboard_pages(data: Any) -> list[Page]:
    """The dashboards (docs/dashboards.md): the overview and a drill-down of the seed plan as
    the secretariat (who, like a leader, sees everything), a scorecard as its focal point."""
    from django.urls import reverse

    from cchc.plans.models import Node, NodeKind

    snv, plan = data.secretariat_id, data.plan_id
    area = (
        Node.objects.filter(plan_id=plan, kind=NodeKind.SECTION, parent=None)
        .order_by("position")
        .values_list("pk", flat=True)
        .first()
    )
    agency = next(a for a, user in data.focal_by_agency.items() if user == data.mine_user_id)
    query = f"?plan={plan}"
    return [
        Page("dashboard", reverse("dashboards:overview") + query, snv, "secretariat",
             "the province overview of the seed plan, default period"),
        Page("scorecard", reverse("dashboards:scorecard", args=[agency]) + query,
             data.mine_user_id, "focal point", "the scorecard of the agency with most to write"),
        Page("drill", reverse("dashboards:drill", args=[plan, area]), snv, "secretariat",
             "the drill-down of the seed plan's first reform area"),
    ]  # fmt: skip


_LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def _shape(sql: str) -> str:
    """The statement with its literals blanked: what repeats when a page runs N+1 queries."""
    return _LITERAL.sub("?", sql)


def capture(pages: list[Page], sessions: dict[int, str]) -> dict[str, dict[str, Any]]:
    """Each page's SQL as the real view runs it in a warm process (the second request)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    captured: dict[str, dict[str, Any]] = {}
    for page in pages:
        client = Client()
        client.cookies["sessionid"] = sessions[page.user_id]
        first = client.get(page.path)
        if first.status_code != 200:
            raise RuntimeError(f"{page.name}: {page.path} answered {first.status_code}")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.path)
        sql = [q["sql"] for q in ctx.captured_queries]
        repeats = Counter(_shape(s) for s in sql)
        captured[page.name] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "sql": sql,
            "repeated": [
                {"times": n, "sql": shape[:300]} for shape, n in repeats.most_common() if n > 1
            ],
        }
    return captured


def _check(host: str, path: str, cookie: str) -> int:
    status, _headers, body = request(host, "GET", path, headers={"Cookie": cookie})
    if status != 200:
        raise RuntimeError(f"{path} answered {status} through gunicorn: {body[:300]!r}")
    return len(body)


def run(
    *,
    server: Any,
    pages: list[Page],
    sessions: dict[int, str],
    captured: dict[str, dict[str, Any]],
    lua: Path,
    runs: int,
    duration: float,
    warmup: float,
    connections: int,
    threads: int,
) -> list[dict[str, Any]]:
    """wrk on every page and its reference; per page the medians and the verdicts."""
    cookies = {p.name: f"sessionid={sessions[p.user_id]}" for p in pages}
    ref_paths = {p.name: f"/__bench__/reference/{p.name}/" for p in pages}
    control_cookie = cookies[pages[0].name]
    _check(server.host, CONTROL_PATH, control_cookie)
    for page in pages:
        _check(server.host, page.path, cookies[page.name])
        _check(server.host, ref_paths[page.name], cookies[page.name])

    def wrk(path: str, cookie: str, seconds: float, *, least: int = 0) -> WrkResult:
        """One wrk run; while it completes fewer than ``least`` requests (a slow page on a
        loaded machine: wrk counts only the answers within its duration), again with twice
        the duration, up to 4×."""
        while True:
            result = run_wrk(
                server.url(path),
                lua=lua,
                seconds=seconds,
                connections=connections,
                threads=threads,
                cookie=cookie,
            )
            # wrk stops with requests still in the server; let them finish before the next.
            time.sleep(min(5.0, result.max_ms / 1000 + 0.2))
            if result.requests >= least or seconds >= 4 * duration:
                return result
            log(f"pages: {path}: {result.requests} answers in {seconds:g} s, again longer")
            seconds *= 2

    if warmup > 0:
        log(f"pages: warm-up, {warmup:g} s per address")
        for page in pages:
            wrk(page.path, cookies[page.name], warmup)
            wrk(ref_paths[page.name], cookies[page.name], warmup)
    real: dict[str, list[WrkResult]] = {p.name: [] for p in pages}
    ref: dict[str, list[WrkResult]] = {p.name: [] for p in pages}
    controls: list[WrkResult] = []
    for i in range(runs):
        log(f"pages: run {i + 1}/{runs} ({len(pages)} pages and references × {duration:g} s)")
        controls.append(wrk(CONTROL_PATH, control_cookie, duration))
        for page in pages:
            real[page.name].append(wrk(page.path, cookies[page.name], duration, least=MIN_ANSWERS))
            ref[page.name].append(
                wrk(ref_paths[page.name], cookies[page.name], duration, least=MIN_ANSWERS)
            )

    control_rps = median([x.rps for x in controls]) or 0.0
    control_p95 = median([x.p95_ms for x in controls]) or 0.0
    rows: list[dict[str, Any]] = []
    for page in pages:
        r, f = real[page.name], ref[page.name]
        rps = median([x.rps for x in r]) or 0.0
        ref_rps = median([x.rps for x in f]) or 0.0
        queries = len(captured[page.name]["sql"])
        p95 = median([x.p95_ms for x in r]) or 0.0
        ratio = rps / ref_rps if ref_rps else 0.0
        errors = sum(x.errors for x in r) + sum(x.errors for x in f)
        rows.append(
            {
                "page": page.name,
                "path": page.path,
                "who": page.who,
                "what": page.what,
                "queries": queries,
                "bytes": captured[page.name]["bytes"],
                "rps": rps,
                "ref_rps": ref_rps,
                "ratio": ratio,
                "control_rps": control_rps,
                "control_p95_ms": control_p95,
                "control_ratio": rps / control_rps if control_rps else 0.0,
                "p50_ms": median([x.p50_ms for x in r]),
                "p95_ms": p95,
                "p99_ms": median([x.p99_ms for x in r]),
                "ref_p95_ms": median([x.p95_ms for x in f]),
                "errors": errors,
                "ok_ratio": ratio >= TARGET_RATIO,
                "ok_p95": p95 <= TARGET_P95_MS,
                "ok_queries": queries <= TARGET_QUERIES,
                "runs": [dataclasses.asdict(x) for x in r],
                "reference_runs": [dataclasses.asdict(x) for x in f],
                "repeated_sql": captured[page.name]["repeated"],
            }
        )
    return rows


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def report(rows: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """The markdown table, and the targets missed."""
    lines = [
        "| page | SQL queries | page req/s | reference req/s | ratio | ÷ control | p50 ms "
        "| p95 ms | p99 ms | reference p95 ms | KB | targets (ratio / p95 / queries) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    failures: list[str] = []
    for r in rows:
        verdict = " ".join(_mark(r[k]) for k in ("ok_ratio", "ok_p95", "ok_queries"))
        lines.append(
            f"| {r['page']} (`{r['path']}`) | {r['queries']} | {r['rps']:.1f} "
            f"| {r['ref_rps']:.1f} | {r['ratio']:.2f} | {r['control_ratio']:.2f} "
            f"| {r['p50_ms']:.0f} | {r['p95_ms']:.0f} "
            f"| {r['p99_ms']:.0f} | {r['ref_p95_ms']:.0f} | {r['bytes'] / 1024:.0f} | {verdict} |"
        )
        if not r["ok_ratio"]:
            failures.append(f"{r['page']}: ratio {r['ratio']:.2f} < {TARGET_RATIO}")
        if not r["ok_p95"]:
            failures.append(f"{r['page']}: p95 {r['p95_ms']:.0f} ms > {TARGET_P95_MS:.0f} ms")
        if not r["ok_queries"]:
            failures.append(f"{r['page']}: {r['queries']} SQL queries > {TARGET_QUERIES}")
        if r["errors"]:
            failures.append(f"{r['page']}: {r['errors']} failed requests (wrk errors)")
    lines.append("")
    lines.append(
        "Medians of the runs; reference = the page's captured SQL replayed by a minimal view in "
        "the same gunicorn; ratio = page req/s ÷ reference req/s. Targets: ratio ≥ "
        f"{TARGET_RATIO}, p95 ≤ {TARGET_P95_MS:.0f} ms, ≤ {TARGET_QUERIES} SQL queries. "
        "Control = a fixed tiny page through the same middleware and session, in the same run "
        f"({rows[0]['control_rps']:.1f} req/s, p95 {rows[0]['control_p95_ms']:.0f} ms); "
        "÷ control = page req/s ÷ control req/s, which a cache raises even when it also "
        "removes the reference's queries."
        if rows
        else ""
    )
    for r in rows:
        if r["repeated_sql"]:
            lines.append(f"\nRepeated SQL on {r['page']}:")
            for item in r["repeated_sql"][:5]:
                lines.append(f"  {item['times']}× {item['sql'][:160]}")
    lines.append("")
    lines.append("pages: " + ("PASS" if not failures else "FAIL: " + "; ".join(failures)))
    return "\n".join(lines), failures
