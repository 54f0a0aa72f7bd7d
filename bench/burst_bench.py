"""The "burst" benchmark: a deadline burst of report submissions over the read load.

While wrk reads the report page (a focal point) and the status grid (the secretariat) in the
background, a pool of ``--concurrency`` threads submits the prepared drafts the way the browser
does: GET the report page with the focal point's session, take the CSRF token and the form's
``version`` from it, POST ``reporting:save`` with ``submit`` and the final text. A share of the
reports (``--duplicate-share``) is posted twice at the same moment, from two connections (a
double click). Each POST is timed until its answer (the redirect). Then the database is
checked: every targeted report submitted exactly once (one draft → submitted history row, one
edit row from the burst, the text posted, version +2) and its obligation submitted. Called by
bench/web_bench.py, which builds the data and starts the server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import http.client
import random
import re
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from webtools import (
    background_wrk,
    cookie_header,
    cookies_from,
    log,
    median,
    percentile,
    request,
)

# benchmarks.md, "burst".
TARGET_P95_MS = 500.0

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')
_REFUSAL = re.compile(r'id="report-error">([^<]*)<')


def narrative_of(report_id: int) -> str:
    """The final text each submission posts (checked in the database afterwards)."""
    return f"Đã hoàn thành các nội dung chính của kỳ báo cáo (báo cáo số {report_id})."


@dataclasses.dataclass
class Outcome:
    report_id: int
    duplicate: bool
    get_ms: float | None = None
    posts: list[tuple[int, float]] = dataclasses.field(default_factory=list)  # status, ms
    refusals: list[str] = dataclasses.field(default_factory=list)  # the page's error message
    error: str = ""


class _Connections(threading.local):
    """One kept-alive connection per thread of the pool (as one browser per person)."""

    conn: http.client.HTTPConnection | None = None


def _submit(host: str, target: Any, session: str, duplicate: bool, local: _Connections) -> Outcome:
    out = Outcome(report_id=target.report_id, duplicate=duplicate)
    if local.conn is None:
        local.conn = http.client.HTTPConnection(host, timeout=120)
    page = f"/reports/obligations/{target.obligation_id}/"
    cookies = {"sessionid": session}
    try:
        t0 = time.perf_counter()
        status, headers, body = request(
            host, "GET", page, headers={"Cookie": cookie_header(cookies)}, conn=local.conn
        )
        out.get_ms = (time.perf_counter() - t0) * 1000
        cookies.update(cookies_from(headers))
        text = body.decode("utf-8", "replace")
        token, version = _CSRF.search(text), _VERSION.search(text)
        if status != 200 or token is None or version is None or "csrftoken" not in cookies:
            out.error = f"GET {page}: {status}, form {'found' if token else 'missing'}"
            return out
        form = {
            "csrfmiddlewaretoken": html.unescape(token.group(1)),
            "version": version.group(1),
            "work_status": "in_progress",
            "percent": "80",
            "narrative": narrative_of(target.report_id),
            "difficulties": "",
            "proposals": "",
            "explanation": "Chậm do chờ số liệu tổng hợp." if target.late else "",
            "submit": "",
        }
        data = urllib.parse.urlencode(form).encode()
        post_headers = {
            "Cookie": cookie_header(cookies),
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://{host}",
            "Referer": f"http://{host}{page}",
        }
        path = f"{page}save/"

        def post(conn: http.client.HTTPConnection, barrier: threading.Barrier | None) -> None:
            if barrier is not None:
                barrier.wait(timeout=60)
            t = time.perf_counter()
            try:
                status, headers, answer = request(
                    host, "POST", path, headers=post_headers, body=data, conn=conn
                )
            except (OSError, http.client.HTTPException) as exc:
                out.error = f"POST {path}: {type(exc).__name__}: {exc}"
                status, headers, answer = 0, http.client.HTTPMessage(), b""
                conn.close()  # http.client opens it again for the next request
            refusal = _REFUSAL.search(answer.decode("utf-8", "replace"))
            if refusal is not None:
                out.refusals.append(re.sub(r"\d+", "N", html.unescape(refusal.group(1))))
            ms = (time.perf_counter() - t) * 1000
            if status == 302 and not (headers.get("Location") or "").endswith(page):
                status = -302  # a redirect elsewhere (e.g. the login page) is a failure
            out.posts.append((status, ms))

        if not duplicate:
            post(local.conn, None)
            return out
        barrier = threading.Barrier(2)
        second = http.client.HTTPConnection(host, timeout=120)
        twin = threading.Thread(target=post, args=(second, barrier))
        twin.start()
        try:
            post(local.conn, barrier)
        finally:
            twin.join()
            second.close()
    except (OSError, http.client.HTTPException, threading.BrokenBarrierError) as exc:
        out.error = f"{type(exc).__name__}: {exc}"
        local.conn.close()
    return out


def _verify(targets: list[Any], started: dt.datetime) -> dict[str, Any]:
    """What the database says of every targeted report after the burst."""
    from django.db.models import Count

    from cchc.reporting.models import Report, ReportState, ReportTransition
    from cchc.scheduling.models import ObligationStatus

    ids = [t.report_id for t in targets]
    by_id = {t.report_id: t for t in targets}
    reports = {r.pk: r for r in Report.objects.filter(pk__in=ids).select_related("obligation")}
    submits = dict(
        ReportTransition.objects.filter(
            report_id__in=ids, from_state=ReportState.DRAFT, to_state=ReportState.SUBMITTED
        )
        .values_list("report_id")
        .annotate(n=Count("pk"))
    )
    edits = dict(
        ReportTransition.objects.filter(
            report_id__in=ids,
            from_state=ReportState.DRAFT,
            to_state=ReportState.DRAFT,
            at__gte=started,
        )
        .values_list("report_id")
        .annotate(n=Count("pk"))
    )
    lost, duplicated, wrong = [], [], []
    for rid in ids:
        report = reports.get(rid)
        if report is None or report.state != ReportState.SUBMITTED or submits.get(rid, 0) == 0:
            lost.append(rid)
            continue
        if report.narrative != narrative_of(rid) or edits.get(rid, 0) == 0:
            lost.append(rid)
            continue
        if submits[rid] > 1 or edits[rid] > 1:
            duplicated.append(rid)
            continue
        if (
            report.version != by_id[rid].version + 2
            or report.obligation.status != ObligationStatus.SUBMITTED
        ):
            wrong.append(rid)
    return {
        "targets": len(ids),
        "submitted_once": len(ids) - len(lost) - len(duplicated) - len(wrong),
        "lost": lost[:50],
        "lost_count": len(lost),
        "duplicated": duplicated[:50],
        "duplicated_count": len(duplicated),
        "inconsistent": wrong[:50],
        "inconsistent_count": len(wrong),
    }


def run(
    *,
    server: Any,
    data: Any,
    sessions: dict[int, str],
    lua: Path,
    submissions: int,
    concurrency: int,
    duplicate_share: float,
    read_connections: int,
    seed: int = 402,
) -> dict[str, Any]:
    from django.urls import reverse
    from django.utils import timezone

    targets = list(data.burst[:submissions])
    rng = random.Random(seed)
    twice = set(rng.sample(range(len(targets)), round(len(targets) * duplicate_share)))
    reads = [
        (
            server.url(reverse("reporting:obligation", args=[data.report_obligation_id])),
            f"sessionid={sessions[data.report_user_id]}",
        ),
        (server.url(reverse("reporting:grid")), f"sessionid={sessions[data.secretariat_id]}"),
    ]
    local = _Connections()
    log(
        f"burst: {len(targets)} submissions ({len(twice)} sent twice at once), "
        f"{concurrency} threads, over wrk reading the report page and the grid"
    )
    started = timezone.now()
    with background_wrk(reads, lua=lua, connections=read_connections, threads=1) as read_results:
        time.sleep(1.0)  # the read load is on before the burst starts
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            futures = [
                pool.submit(_submit, server.host, t, sessions[t.user_id], i in twice, local)
                for i, t in enumerate(targets)
            ]
            outcomes = [f.result() for f in futures]
        elapsed = time.perf_counter() - t0
    check = _verify(targets, started)

    post_ms = [ms for o in outcomes for _s, ms in o.posts]
    get_ms = [o.get_ms for o in outcomes if o.get_ms is not None]
    statuses = Counter(s for o in outcomes for s, _ms in o.posts)
    pairs = Counter(
        "+".join(str(s) for s in sorted(s for s, _ms in o.posts)) for o in outcomes if o.duplicate
    )
    errors = [f"report {o.report_id}: {o.error}" for o in outcomes if o.error]
    single_bad = [
        o.report_id for o in outcomes if not o.duplicate and [s for s, _ in o.posts] != [302]
    ]
    pair_bad = [
        o.report_id
        for o in outcomes
        if o.duplicate
        and (302 not in [s for s, _ in o.posts] or any(s not in (302, 409) for s, _ in o.posts))
    ]
    p95 = percentile(post_ms, 95)
    integrity_ok = (
        not errors
        and not single_bad
        and not pair_bad
        and check["lost_count"] == 0
        and check["duplicated_count"] == 0
        and check["inconsistent_count"] == 0
        and check["submitted_once"] == len(targets)
    )
    reads_out: list[dict[str, Any]] = []
    for (url, _cookie), res in zip(reads, read_results, strict=False):
        reads_out.append({"url": url, **dataclasses.asdict(res)})
    return {
        "submissions": len(targets),
        "duplicates": len(twice),
        "concurrency": concurrency,
        "elapsed_s": elapsed,
        "submits_per_s": len(targets) / elapsed if elapsed else 0.0,
        "post_ms": {
            "count": len(post_ms),
            "p50": percentile(post_ms, 50),
            "p95": p95,
            "p99": percentile(post_ms, 99),
            "max": max(post_ms) if post_ms else None,
        },
        "get_ms": {
            "p50": percentile(get_ms, 50),
            "p95": percentile(get_ms, 95),
            "median": median(get_ms),
        },
        "post_statuses": {str(k): v for k, v in statuses.items()},
        "duplicate_outcomes": dict(pairs),
        "refusal_messages": dict(Counter(m for o in outcomes for m in o.refusals)),
        "errors": errors[:50],
        "single_not_redirected": single_bad[:50],
        "pairs_without_one_submit": pair_bad[:50],
        "database": check,
        "reads": reads_out,
        "ok_integrity": integrity_ok,
        "ok_p95": p95 is not None and p95 <= TARGET_P95_MS,
    }


def _fmt(ms: float | None) -> str:
    return "—" if ms is None else f"{ms:.0f}"


def report(res: dict[str, Any]) -> tuple[str, list[str]]:
    post, get, db = res["post_ms"], res["get_ms"], res["database"]
    lines = [
        "| submissions | sent twice | threads | elapsed s | submits/s | POST p50 ms | POST p95 ms "
        "| POST p99 ms | POST max ms | GET page p50 / p95 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| {res['submissions']} | {res['duplicates']} | {res['concurrency']} "
        f"| {res['elapsed_s']:.1f} | {res['submits_per_s']:.1f} | {_fmt(post['p50'])} "
        f"| {_fmt(post['p95'])} | {_fmt(post['p99'])} | {_fmt(post['max'])} "
        f"| {_fmt(get['p50'])} / {_fmt(get['p95'])} |",
        "",
        f"POST answers: {res['post_statuses']}; the double submissions answered "
        f"{res['duplicate_outcomes']} (409: the later request is refused with an error on the "
        f"page, nothing written: {res['refusal_messages']}).",
        f"Database: {db['submitted_once']}/{db['targets']} submitted exactly once; lost "
        f"{db['lost_count']}, duplicated {db['duplicated_count']}, inconsistent "
        f"{db['inconsistent_count']}.",
    ]
    for r in res["reads"]:
        lines.append(
            f"Read load during the burst: {r['url']}: {r['rps']:.1f} req/s, p95 "
            f"{r['p95_ms']:.0f} ms, {r['errors']} errors."
        )
    for err in res["errors"][:5]:
        lines.append(f"ERROR {err}")
    failures: list[str] = []
    if not res["ok_integrity"]:
        failures.append("lost, duplicated or failed submissions (see above)")
    if not res["ok_p95"]:
        failures.append(f"submit p95 {_fmt(post['p95'])} ms > {TARGET_P95_MS:.0f} ms")
    lines.append("")
    lines.append(
        f"burst: no lost or duplicated write: {'PASS' if res['ok_integrity'] else 'FAIL'}; "
        f"submit p95 ≤ {TARGET_P95_MS:.0f} ms: {'PASS' if res['ok_p95'] else 'FAIL'} "
        f"({_fmt(post['p95'])} ms)"
    )
    return "\n".join(lines), failures
