"""Service-quality benchmarks (benchmarks.md: kpi, drill, fresh; memory and disk; Spark).

    .venv/bin/python bench/servicequality_bench.py --rows 1000000 [--spark] [--fresh-seconds 30]
    .venv/bin/python bench/servicequality_bench.py --rows 10000000 --skip-fresh --parquet DIR

The dossiers: ``sq_synthetic`` (the distributions of ``cchc.dossiers.synthetic``, vectorised,
a month at a time straight into Parquet); ``--parquet DIR`` keeps them there and reuses them.

kpi   — every 766 indicator and Biểu 06 count by agency × level × month (12 calendar months)
        over N synthetic dossiers in Parquet: Ibis on DuckDB (cchc.servicequality.formulas)
        against the same figures hand-written in DuckDB SQL, same run, interleaved, medians
        of --repeat (3), identical values asserted. Target ≤ 2×.
drill — one agency (the largest), 12 months, by procedure; Ibis vs hand SQL. Target ≤ 3×.
fresh — a Django database (SQLite file) holding the dossiers; 300 events a second finish
        dossiers; after each batch the after-ingest hook rewrites the touched Parquet months
        and refreshes the rollups; staleness = batch committed → rollups readable. ≤ 60 s.
mem   — Parquet bytes per million dossiers, peak RSS after generating and after the kpi.
spark — the kpi on Spark local mode (CCHC_SPARK_MASTER, default local[2] here), reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402

TZ = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh has no DST
YEAR = 2026


def generate(n: int, root: Path, seed: int = 7) -> dict[str, Any]:
    """``n`` dossiers of the synthetic province-year (``sq_synthetic``: the distributions of
    ``cchc.dossiers.synthetic``), a month at a time straight into Parquet partitions."""
    from sq_synthetic import Generator

    from cchc.servicequality import parquet

    counts: dict[str, int] = {}
    for month, table in Generator(count=n, year=YEAR, seed=seed).months():
        part = table.cast(parquet.ARROW)
        parquet.write_partition(part, "24", month, root)
        for code, k in zip(
            *(
                c.to_pylist()
                for c in part.group_by("agency_code").aggregate([("code", "count")]).columns
            ),
            strict=True,
        ):
            counts[code] = counts.get(code, 0) + k
    return counts


def synthetic(n: int, seed: int = 7) -> pa.Table:
    """``n`` dossiers in memory (UTC timestamps), for loading into a Django database."""
    from sq_synthetic import Generator

    return pa.concat_tables(t for _, t in Generator(count=n, year=YEAR, seed=seed).months())


def months(year: int = YEAR) -> list[tuple[str, int, int]]:
    out = []
    for m in range(1, 13):
        a = dt.datetime(year, m, 1, tzinfo=TZ)
        b = dt.datetime(year + (m == 12), 1 if m == 12 else m + 1, 1, tzinfo=TZ)
        out.append((f"{year}-M{m:02d}", int(a.timestamp()), int(b.timestamp())))
    return out


# The same figures, written by hand in DuckDB SQL (the reference of the kpi).
HAND_SQL = """
WITH d AS (
  SELECT {keys},
    CAST(channel AS INTEGER) AS channel,
    CAST(floor(epoch(received_at)) AS BIGINT) AS rec_s,
    CAST(floor(epoch(finished_at)) AS BIGINT) AS fin_s,
    CAST(floor(epoch(due_at)) AS BIGINT) AS due_s,
    CAST(floor(epoch(statutory_due_at)) AS BIGINT) AS stat_s,
    CAST(coalesce(supplement_days, 0) * 86400 AS BIGINT) AS supp_s,
    coalesce(supplement_requests, 0) AS supp_n,
    coalesce(e_result, false) AS e_result, coalesce(digitised, false) AS digitised,
    coalesce(paper_result, false) AS paper,
    coalesce(reused_data, false) AS reused, coalesce(paid_online, false) AS paid,
    coalesce(fee, 0) > 0 AS has_fee, coalesce(feedback, '') AS feedback
  FROM read_parquet('{glob}', hive_partitioning = true, hive_types_autocast = false) {where}
), j AS (
  SELECT d.*, p.period, p.start_s, p.end_s,
    d.fin_s IS NOT NULL AND d.fin_s < p.end_s AS resolved,
    (CASE WHEN d.fin_s IS NOT NULL AND d.fin_s < p.end_s THEN d.fin_s ELSE p.end_s END)
      - d.supp_s - d.rec_s AS used,
    CASE WHEN d.due_s IS NOT NULL THEN d.due_s - d.rec_s ELSE d.stat_s - d.rec_s END AS lim,
    d.rec_s >= p.start_s AS received,
    d.fin_s IS NOT NULL AND d.fin_s < p.end_s AND d.fin_s >= p.start_s AS fin_here
  FROM d JOIN periods p ON d.rec_s < p.end_s AND (d.fin_s IS NULL OR d.fin_s >= p.start_s)
), k AS (
  SELECT *, lim IS NOT NULL AS judgeable,
    supp_n <= 1 AND lim IS NOT NULL AND used <= lim AS in_time,
    supp_n <= 1 AND lim IS NOT NULL AND used + 86400 <= lim AS early
  FROM j
), m AS (
  SELECT *, in_time OR (NOT judgeable AND supp_n <= 1) AS ok FROM k
)
SELECT period, {keys},
  count(*) FILTER (judgeable AND in_time) AS n_2_1, count(*) FILTER (judgeable) AS d_2_1,
  coalesce(sum(used) FILTER (fin_here), 0) AS n_2_2, count(*) FILTER (fin_here) AS d_2_2,
  count(*) FILTER (received AND channel = 2 AND (NOT paper OR e_result)) AS n_3_3,
  count(*) FILTER (received) AS d_3_3,
  count(*) FILTER (received AND has_fee AND paid) AS n_3_6,
  count(*) FILTER (received AND has_fee) AS d_3_6,
  count(*) FILTER (fin_here AND paper AND e_result) AS n_4_1,
  count(*) FILTER (fin_here AND paper) AS d_4_1,
  count(*) FILTER (received AND digitised AND (NOT resolved OR e_result)) AS n_4_2,
  count(*) FILTER (received) AS d_4_2,
  count(*) FILTER (received AND reused) AS n_4_3, count(*) FILTER (received) AS d_4_3,
  count(*) FILTER (fin_here AND feedback = 'satisfied') AS n_5_4,
  count(*) FILTER (fin_here AND feedback IN ('satisfied', 'unsatisfied')) AS d_5_4,
  count(*) AS total,
  count(*) FILTER (received AND channel = 2) AS received_online,
  count(*) FILTER (received AND coalesce(channel, 1) <> 2) AS received_in_person,
  count(*) FILTER (NOT received) AS carried_over,
  count(*) FILTER (resolved) AS resolved,
  count(*) FILTER (resolved AND ok AND early) AS resolved_early,
  count(*) FILTER (resolved AND ok AND NOT early) AS resolved_on_time,
  count(*) FILTER (resolved AND NOT ok) AS resolved_late,
  count(*) FILTER (NOT resolved) AS pending,
  count(*) FILTER (NOT resolved AND ok) AS pending_in_time,
  count(*) FILTER (NOT resolved AND NOT ok) AS pending_overdue
FROM m GROUP BY ALL ORDER BY ALL
"""


def normal(frame: Any, keys: list[str]) -> dict[tuple[Any, ...], tuple[int, ...]]:
    from cchc.servicequality.formulas import MEASURES

    out = {}
    for rec in frame.to_dict(orient="records"):
        out[(rec["period"], *(rec[k] for k in keys))] = tuple(int(rec[m]) for m in MEASURES)
    return out


def timed(fns: dict[str, Any], repeat: int = 3) -> dict[str, tuple[list[float], Any]]:
    """Each function ``repeat`` times, interleaved (a, b, a, b, …) so that the shared
    machine's changing load falls on both alike; every time and the last result of each."""
    out: dict[str, tuple[list[float], Any]] = {name: ([], None) for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            result = fn()
            out[name] = ([*out[name][0], time.perf_counter() - t0], result)
    return out


def kpi(root: Path, keys: list[str], agency: str | None = None, repeat: int = 3) -> dict[str, Any]:
    import duckdb
    import ibis

    from cchc.servicequality import engines, formulas

    periods = months()
    glob = engines.parquet_glob(root)

    def via_ibis() -> Any:
        con = engines.duckdb_connect()
        t = engines.parquet_table(con, root)
        if agency:
            t = t.filter(t.agency_code == agency)
        return con.execute(formulas.aggregate(t, formulas.periods_table(periods), keys))

    def via_sql() -> Any:
        con = duckdb.connect(
            config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
        )
        con.execute("CREATE TEMP TABLE periods (period VARCHAR, start_s BIGINT, end_s BIGINT)")
        con.executemany("INSERT INTO periods VALUES (?, ?, ?)", periods)
        where = f"WHERE agency_code = '{agency}'" if agency else ""
        sql = HAND_SQL.format(keys=", ".join(keys), glob=glob, where=where)
        return con.execute(sql).df()

    _ = ibis
    runs = timed({"ibis": via_ibis, "sql": via_sql}, repeat)
    (times_ibis, r_ibis), (times_sql, r_sql) = runs["ibis"], runs["sql"]
    a, b = normal(r_ibis, keys), normal(r_sql, keys)
    assert a == b, "Ibis and hand-written SQL disagree"
    t_ibis, t_sql = statistics.median(times_ibis), statistics.median(times_sql)
    return {
        "ibis_s": round(t_ibis, 3),
        "sql_s": round(t_sql, 3),
        "ratio": round(t_ibis / t_sql, 2),
        "ibis_runs_s": [round(t, 2) for t in times_ibis],
        "sql_runs_s": [round(t, 2) for t in times_sql],
        "groups": len(a),
    }


def spark_kpi(root: Path, keys: list[str], reference: Any) -> dict[str, Any]:
    from cchc.servicequality import engines

    session = engines.spark_session(os.environ.get("CCHC_SPARK_MASTER", "local[2]"))
    try:
        t0 = time.perf_counter()
        frame = engines.run_spark(session, months(), keys, root=root)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        frame = engines.run_spark(session, months(), keys, root=root)
        second = time.perf_counter() - t0
    finally:
        session.stop()
    same = normal(frame, keys) == reference
    return {"first_s": round(first, 2), "second_s": round(second, 2), "identical": same}


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def fresh(
    n: int, seconds: int, rate: int, sizes: list[int], repeat: int = 3, full_repeat: int = 1
) -> dict[str, Any]:
    """Dossiers in a SQLite Django database; a stream of ``rate`` events a second (new dossiers
    received, open ones finished, finished ones given feedback / e-results) through the real
    ingest (``run_batch``), whose after-ingest hook refreshes the rollups incrementally; the
    figures read after each batch. Staleness of an event = its arrival → figures readable that
    count it. Then the refresh cost of batches of ``sizes`` changed dossiers, and a full
    refresh as the reference, in the same run; finally the rollups compared with a full
    recomputation (they must be identical)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from cchc.dossiers.ingest import run_batch
    from cchc.dossiers.models import Dossier, IngestSource
    from cchc.servicequality import actions, selectors
    from cchc.servicequality.models import RefreshRun, Rollup, RollupPeriod
    from cchc.servicequality.periods import months_between, parse

    call_command("migrate", verbosity=0)
    data = synthetic(n, seed=11).to_pylist()
    Dossier.objects.bulk_create((Dossier(**r) for r in data), batch_size=5000)
    now = timezone.now()
    all_months = months_between(dt.date(YEAR - 1, 12, 1), timezone.localdate())
    fulls = []
    for _ in range(full_repeat):
        t0 = time.perf_counter()
        actions.refresh_rollups(months=all_months, trigger="bench", engine="django")
        fulls.append(time.perf_counter() - t0)
        print("full refresh", round(fulls[-1], 2), flush=True)
    period = f"{timezone.localdate():%Y}-M{timezone.localdate():%m}"
    rng = np.random.default_rng(5)
    open_codes = list(
        Dossier.objects.filter(finished_at__isnull=True, received_at__lt=now)
        .order_by("?")
        .values_list("code", flat=True)
    )
    finished_codes: list[str] = []
    counter = [0]

    def event(at: dt.datetime) -> dict[str, Any]:
        stamp = at.isoformat()
        roll = rng.random()
        if roll < 0.34 or not open_codes:
            counter[0] += 1
            code = f"STREAM-{counter[0]}"
            agency = int(rng.integers(0, 80))
            open_codes.append(code)
            return {
                "MaHoSo": code,
                "kind": "received",
                "at": stamp,
                "data": {
                    "MaTTHC": f"P{int(rng.integers(0, 300))}",
                    "LinhVuc": "F1",
                    "MaCoQuan": f"AG{agency:03d}",
                    "CapThucHien": "tinh" if agency < 20 else "xa",
                    "KenhThucHien": "2" if rng.random() < 0.8 else "1",
                    "NgayHenTra": (at + dt.timedelta(days=int(rng.integers(3, 16)))).isoformat(),
                },
            }
        if roll < 0.67 or not finished_codes:
            code = open_codes.pop(int(rng.integers(0, len(open_codes))))
            finished_codes.append(code)
            return {"MaHoSo": code, "kind": "finished", "at": stamp}
        code = finished_codes[int(rng.integers(0, len(finished_codes)))]
        if rng.random() < 0.5:
            return {"MaHoSo": code, "kind": "result_issued", "at": stamp}
        value = "hai_long" if rng.random() < 0.9 else "khong_hai_long"
        return {"MaHoSo": code, "kind": "feedback", "at": stamp, "data": {"value": value}}

    def ingest(events: list[dict[str, Any]]) -> Any:
        return run_batch(events=list(enumerate(events, 1)), mode="skip", source=IngestSource.API)

    stale: list[float] = []
    batches: list[dict[str, Any]] = []
    reads: list[float] = []
    start = time.perf_counter()
    last = start
    sent = 0
    while last - start < seconds:
        time.sleep(max(0.0, 1.0 - (time.perf_counter() - last)))
        arrived_until = time.perf_counter()
        due = int((arrived_until - start) * rate) - sent
        arrivals = [last + (arrived_until - last) * (i + 1) / due for i in range(due)]
        events = [event(timezone.now()) for _ in range(due)]
        sent += due
        result = ingest(events)
        t_read = time.perf_counter()
        selectors.scorecards(period)
        done = time.perf_counter()
        reads.append(done - t_read)
        run = RefreshRun.objects.order_by("-pk").first()
        stale += [done - a for a in arrivals]
        batches.append(
            {
                "events": due,
                "dossiers": len(result.dossier_ids),
                "errors": result.error_count,
                "ingest_and_refresh_s": round(t_read - arrived_until, 3),
                "refresh_s": run.seconds if run else None,
            }
        )
        last = arrived_until
    stream = {
        "seconds": round(last - start, 1),
        "events": sent,
        "events_per_s": round(sent / (last - start), 1),
        "batches": len(batches),
        "staleness_median_s": round(statistics.median(stale), 2) if stale else None,
        "staleness_p95_s": _pct(stale, 0.95),
        "staleness_max_s": round(max(stale), 2) if stale else None,
        "batch_refresh_median_s": round(
            statistics.median(b["refresh_s"] for b in batches if b["refresh_s"]), 3
        )
        if batches
        else None,
        "read_median_ms": round(statistics.median(reads) * 1000, 1) if reads else None,
        "errors": sum(b["errors"] for b in batches),
    }
    print("stream", stream, flush=True)

    # Refresh cost against batch size: feedback given on dossiers finished without one.
    pool = list(
        Dossier.objects.filter(finished_at__lt=now, feedback="")
        .order_by("?")
        .values_list("code", flat=True)[: sum(sizes) * repeat]
    )
    by_size = []
    for size in sizes:
        costs, totals, changed, errors = [], [], [], 0
        for _ in range(repeat):
            chunk, pool = pool[:size], pool[size:]
            at = timezone.now().isoformat()
            events = [
                {"MaHoSo": c, "kind": "feedback", "at": at, "data": {"value": "hai_long"}}
                for c in chunk
            ]
            t0 = time.perf_counter()
            result = ingest(events)
            totals.append(time.perf_counter() - t0)
            run = RefreshRun.objects.order_by("-pk").first()
            assert run is not None
            errors += result.error_count
            changed.append(len(result.dossier_ids))
            costs.append(run.seconds)
        cost = statistics.median(costs)
        print("size", size, changed, errors, costs, flush=True)
        by_size.append(
            {
                "dossiers": size,
                "changed": changed,
                "errors": errors,
                "refresh_median_s": round(cost, 3),
                "refresh_ms_per_dossier": round(cost / size * 1000, 3),
                "ingest_and_refresh_median_s": round(statistics.median(totals), 3),
            }
        )
    full = statistics.median(fulls)
    periods = sorted(RollupPeriod.objects.values_list("period", flat=True))
    spans = [parse(k) for k in periods]
    computed = actions.compute(spans, ("province_code", "agency_code", "level"), engine="django")
    expected = {
        (r.province_code, r.agency_code, r.level, r.period, r.measure): (r.numerator, r.denominator)
        for r in actions._rollups(computed, {s.key: s for s in spans}, timezone.now())
    }
    got = {
        (r.province_code, r.agency_code, r.level, r.period, r.measure): (r.numerator, r.denominator)
        for r in Rollup.objects.all()
    }
    return {
        "dossiers": n,
        "events_per_s_target": rate,
        "full_refresh_median_s": round(full, 2),
        "full_refresh_runs_s": [round(f, 2) for f in fulls],
        "stream": stream,
        "by_batch_size": [
            row | {"ratio_to_full": round(row["refresh_median_s"] / full, 4)} for row in by_size
        ],
        "rollups_identical_to_full": got == expected,
        "differences": [
            [list(k), got.get(k), expected.get(k)]
            for k in sorted(set(got) | set(expected))
            if got.get(k) != expected.get(k)
        ][:20],
        "rollup_rows": len(got),
        "batches_detail": batches,
    }


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)


def stored_counts(root: Path) -> dict[str, int]:
    """Dossiers per agency in an existing Parquet copy."""
    import duckdb

    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    sql = (
        f"SELECT agency_code, count(*) FROM read_parquet('{root}/*/*/*.parquet', "
        "hive_partitioning = true) GROUP BY ALL"
    )
    return {code: int(k) for code, k in con.execute(sql).fetchall()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--fresh-rows", type=int, default=100_000)
    parser.add_argument("--fresh-seconds", type=int, default=30)
    parser.add_argument("--skip-fresh", action="store_true")
    parser.add_argument("--skip-drill", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (median reported)")
    parser.add_argument(
        "--parquet",
        type=Path,
        default=None,
        help="where the kpi's Parquet copy goes; kept, and reused when it is already there",
    )
    parser.add_argument("--only-fresh", action="store_true", help="skip kpi, drill, Spark")
    parser.add_argument("--fresh-sizes", default="100,1000,10000")
    parser.add_argument("--fresh-full-repeat", type=int, default=1)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cchc-sq-bench-"))
    os.environ.setdefault("CCHC_DATA_DIR", str(work / "data"))
    os.environ.setdefault("CCHC_ALLOW_EPHEMERAL_SECRET", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    os.environ.setdefault("CCHC_DOSSIER_PARQUET", str(work / "parquet-fresh"))
    # The rollups of the fresh run are computed by DuckDB over the Parquet copy the hook keeps.
    os.environ.setdefault("CCHC_SERVICEQUALITY_ENGINE", "duckdb")
    import django

    django.setup()

    results: dict[str, Any] = {"rows": args.rows}
    if not args.only_fresh:
        first_part(args, work, results)
    if not args.skip_fresh:
        sizes = [int(x) for x in args.fresh_sizes.split(",")]
        results["fresh"] = fresh(
            args.fresh_rows, args.fresh_seconds, 300, sizes, full_repeat=args.fresh_full_repeat
        )
        print("fresh", {k: v for k, v in results["fresh"].items() if k != "batches_detail"})
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"servicequality-{stamp}.json").write_text(json.dumps(results, indent=1))
    print(json.dumps({k: v for k, v in results.items() if k != "fresh"}, indent=1))


def first_part(args: Any, work: Path, results: dict[str, Any]) -> None:
    """kpi, drill, memory and (optionally) Spark over a synthetic province-year in Parquet."""
    root = args.parquet or work / "parquet"
    if any(root.rglob("*.parquet")):
        counts = stored_counts(root)
        results["reused_parquet"] = str(root)
        if sum(counts.values()) != args.rows:
            raise SystemExit(f"{root} holds {sum(counts.values())} dossiers, not {args.rows}.")
    else:
        t0 = time.perf_counter()
        counts = generate(args.rows, root)
        results["generate_and_write_s"] = round(time.perf_counter() - t0, 1)
        results["generate_peak_rss_mb"] = peak_rss_mb()
        print("generated", results, flush=True)
    size = sum(p.stat().st_size for p in root.rglob("*.parquet"))
    results["parquet_mb_per_million"] = round(size / 1e6 / (args.rows / 1e6), 1)
    biggest = max(counts, key=lambda code: (counts[code], code))
    keys = ["agency_code", "level"]
    results["kpi"] = kpi(root, keys, repeat=args.repeat)
    results["kpi_peak_rss_mb"] = peak_rss_mb()
    print("kpi", results["kpi"], flush=True)
    if not args.skip_drill:
        results["drill"] = kpi(root, ["procedure_code"], agency=biggest, repeat=args.repeat)
        results["drill"]["agency"] = biggest
        print("drill", results["drill"], flush=True)
    if args.spark:
        from cchc.servicequality import engines, formulas

        con = engines.duckdb_connect()
        ref = con.execute(
            formulas.aggregate(
                engines.parquet_table(con, root), formulas.periods_table(months()), keys
            )
        )
        results["spark"] = spark_kpi(root, keys, normal(ref, keys))
        print("spark", results["spark"], flush=True)


if __name__ == "__main__":
    main()
