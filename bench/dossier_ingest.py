"""The dossier ingest benchmark: rows/s of ``cchc dossiers ingest`` on a generated CSV of
``--rows`` synthetic dossiers (default 100,000), against a reference in the same run that
does the least an ingest can: read the same CSV with the csv module and insert its cells as
text into a plain table (``executemany`` on SQLite, ``COPY`` on PostgreSQL).

Each engine runs in its own process on a throwaway database (SQLite: a file in a temporary
directory; PostgreSQL: ``cchc_bench_dossiers_<random>`` on 127.0.0.1:5432, dropped after).
Medians of ``--repeat`` (3) runs of: ingest into an empty table, the same file again (the
idempotent path: nothing changes), the reference. Prints a markdown table and writes
``bench/results/dossier-ingest-<UTC time>.json``.

    .venv/bin/python bench/dossier_ingest.py [--rows 100000] [--repeat 3] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def _worker(engine: str, rows: int, repeat: int, workdir: Path) -> dict[str, Any]:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cchc.settings",
            "CCHC_ALLOW_EPHEMERAL_SECRET": "1",
            "CCHC_DATA_DIR": str(workdir),
        }
    )
    pg_name = ""
    if engine == "postgresql":
        import psycopg

        pg_name = f"cchc_bench_dossiers_{secrets.token_hex(4)}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{pg_name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    try:
        return _measure(engine, rows, repeat, workdir)
    finally:
        if pg_name:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def _measure(engine: str, rows: int, repeat: int, workdir: Path) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from cchc.dossiers import synthetic
    from cchc.dossiers.actions import ingest_file
    from cchc.dossiers.parsing import COLUMNS

    call_command("migrate", verbosity=0, interactive=False)
    path = workdir / "dossiers.csv"
    started = time.perf_counter()
    synthetic.write_csv(path, count=rows, year=2025, seed=11)
    generate_s = time.perf_counter() - started
    columns = ", ".join(f'"{name}" text' for name in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_reference ({columns})")

    def empty() -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM dossiers_dossierevent")
            cursor.execute("DELETE FROM dossiers_dossier")
            cursor.execute("DELETE FROM bench_reference")
            if engine == "sqlite":
                cursor.execute("VACUUM")

    def reference() -> float:
        started = time.perf_counter()
        with transaction.atomic(), path.open(encoding="utf-8", newline="") as stream:
            reader = csv.reader(stream)
            next(reader)
            if engine == "postgresql":
                raw = connection.connection
                assert raw is not None
                with raw.cursor() as cursor, cursor.copy("COPY bench_reference FROM STDIN") as copy:
                    for row in reader:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(COLUMNS))
                with connection.cursor() as cursor:
                    cursor.executemany(f"INSERT INTO bench_reference VALUES ({marks})", reader)
        return time.perf_counter() - started

    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        empty()
        started = time.perf_counter()
        result = ingest_file(path=path, synthetic=True)
        new_s = time.perf_counter() - started
        assert result.ok and result.created == rows, result.as_dict()
        started = time.perf_counter()
        again = ingest_file(path=path, synthetic=True)
        same_s = time.perf_counter() - started
        assert again.ok and again.unchanged == rows, again.as_dict()
        runs.append({"ingest_s": new_s, "reingest_s": same_s, "reference_s": reference()})
    ingest = statistics.median(r["ingest_s"] for r in runs)
    reingest = statistics.median(r["reingest_s"] for r in runs)
    ref = statistics.median(r["reference_s"] for r in runs)
    return {
        "engine": engine,
        "rows": rows,
        "generate_s": generate_s,
        "runs": runs,
        "ingest_rows_per_s": rows / ingest,
        "reingest_rows_per_s": rows / reingest,
        "reference_rows_per_s": rows / ref,
        "ratio": ingest / ref,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--worker", default="", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        found = _worker(args.worker, args.rows, args.repeat, Path(args.workdir))
        print(json.dumps(found))
        return 0
    engines = ["sqlite"] if args.sqlite_only else ["sqlite", "postgresql"]
    results = []
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="cchc-dossier-bench-") as workdir:
            print(f"{engine}: {args.rows:,} rows × {args.repeat} …", file=sys.stderr)
            done = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    engine,
                    "--workdir",
                    workdir,
                    "--rows",
                    str(args.rows),
                    "--repeat",
                    str(args.repeat),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(
        "| engine | rows | ingest rows/s | re-ingest (unchanged) rows/s | reference rows/s "
        "| ingest / reference time |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['engine']} | {r['rows']:,} | {r['ingest_rows_per_s']:,.0f} | "
            f"{r['reingest_rows_per_s']:,.0f} | {r['reference_rows_per_s']:,.0f} | "
            f"{r['ratio']:.1f}× |"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"dossier-ingest-{stamp}.json"
    out.write_text(json.dumps({"args": vars(args), "results": results}, indent=2))
    print(f"\n{out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
