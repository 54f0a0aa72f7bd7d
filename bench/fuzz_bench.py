"""Fuzz bench: every plan reader fed generated hostile documents, with time and memory measured.

For each reader (markdown/text, prose, CSV, HTML, DOCX, XLSX) a worker process generates
``--count`` inputs with ``cchc/plans/tests/hostile.py`` (plan-like documents with hostile
structure: spans, deep nesting, huge list numbers, ZIP bombs, too many rows or columns, long
cells, NUL, lone surrogates, broken references, damaged bytes), deterministic per reader and
index, and runs each through ``hostile.check``: read and parse, then the promises of a read
plan, or ReadError naming the file. Anything else is a failure, with its traceback.

Targets (issue 16, point 9): no failure, no input over 10 s, no worker over 500 MB of RSS.
The worker's peak RSS (``ru_maxrss``) includes the generator's own inputs; the input that
raised it most is named. A worker silent for ``--hang`` seconds is killed, the input counted
as a failure, and a new worker goes on with the next one.

    scripts/bench fuzz                         # 10,000 inputs per reader, 2 workers at a time
    scripts/bench fuzz --count 500 --readers html,docx

Prints a markdown table and writes JSON to bench/results/fuzz-<UTC time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
READERS = ("markdown", "prose", "csv", "html", "docx", "xlsx")
TARGET_SECONDS = 10.0
TARGET_RSS_MB = 500.0


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(reader: str, start: int, stop: int, heavy: float, conn: Connection) -> None:
    """Run inputs start..stop-1 of one reader, reporting each on ``conn``."""
    os.environ.update(
        {"DJANGO_SETTINGS_MODULE": "cchc.settings", "CCHC_ALLOW_EPHEMERAL_SECRET": "1"}
    )
    os.environ.pop("CCHC_SECRET_KEY", None)
    sys.path.insert(0, str(ROOT))
    # A safety net for the machine, well above the target: a runaway input fails, not the box.
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
    import random

    import django

    django.setup()
    from cchc.plans.tests import hostile

    hostile.HEAVY = heavy
    generate = hostile.GENERATORS[reader]
    for index in range(start, stop):
        rng = random.Random(f"{reader}-{index}")
        before = _maxrss_mb()
        data, name = generate(rng, 1.0)
        conn.send(index)  # made: from now on the parent's watchdog times the reading
        began = time.perf_counter()  # the reading is timed, not the making of the input
        error = ""
        try:
            outcome = hostile.check(data, name)
        except MemoryError:
            outcome, error = "failed", "MemoryError"
        except BaseException:
            outcome, error = "failed", traceback.format_exc()[-1500:]
        seconds = time.perf_counter() - began
        conn.send((index, outcome, seconds, _maxrss_mb(), _maxrss_mb() - before, error))
    conn.send(None)


def fuzz_reader(reader: str, count: int, heavy: float, hang: float) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    times: list[float] = []
    outcomes = {"read": 0, "refused": 0, "failed": 0}
    failures: list[dict[str, Any]] = []
    peak = (0.0, -1)
    grew = (0.0, -1)
    slowest = (0.0, -1)
    workers = 0
    next_index = 0
    began = time.perf_counter()
    while next_index < count:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_worker, args=(reader, next_index, count, heavy, sender), daemon=True
        )
        process.start()
        sender.close()
        workers += 1
        reading = False
        while True:
            if not receiver.poll(hang if reading else 10 * hang):
                process.kill()
                process.join()
                outcomes["failed"] += 1
                failures.append({"index": next_index, "error": f"no answer in {hang} s (killed)"})
                times.append(hang)
                next_index += 1
                break
            try:
                message = receiver.recv()
            except EOFError:  # the worker died (e.g. killed by the kernel)
                process.join()
                outcomes["failed"] += 1
                failures.append(
                    {"index": next_index, "error": f"worker died, exit {process.exitcode}"}
                )
                next_index += 1
                break
            if message is None:
                process.join()
                next_index = count
                break
            if isinstance(message, int):  # the input is made, its reading starts
                next_index, reading = message, True
                continue
            reading = False
            index, outcome, seconds, rss, delta, error = message
            outcomes[outcome] += 1
            times.append(seconds)
            if error and len(failures) < 50:
                failures.append({"index": index, "error": error})
            peak = max(peak, (rss, index))
            grew = max(grew, (delta, index))
            slowest = max(slowest, (seconds, index))
            next_index = index + 1
        receiver.close()
    ordered = sorted(times)
    result = {
        "reader": reader,
        "count": len(times),
        "outcomes": outcomes,
        "failures": failures,
        "max_seconds": round(slowest[0], 3),
        "slowest_input": slowest[1],
        "p50_ms": round(statistics.median(ordered) * 1000, 2) if ordered else None,
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1) if ordered else None,
        "over_target_seconds": sum(1 for t in times if t > TARGET_SECONDS),
        "max_rss_mb": round(peak[0], 1),
        "largest_rss_growth_mb": round(grew[0], 1),
        "largest_rss_growth_input": grew[1],
        "workers": workers,
        "elapsed_seconds": round(time.perf_counter() - began, 1),
    }
    result["passed"] = (
        outcomes["failed"] == 0
        and result["max_seconds"] <= TARGET_SECONDS
        and result["max_rss_mb"] <= TARGET_RSS_MB
    )
    return result


def _run(args: argparse.Namespace, reader: str) -> dict[str, Any]:
    print(f"fuzz: {reader}: {args.count} inputs …", file=sys.stderr, flush=True)
    result = fuzz_reader(reader, args.count, args.heavy, args.hang)
    print(
        f"fuzz: {reader}: done in {result['elapsed_seconds']} s, "
        f"{result['outcomes']['failed']} failed",
        file=sys.stderr,
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs per reader")
    parser.add_argument("--readers", default=",".join(READERS))
    parser.add_argument("--jobs", type=int, default=2, help="readers fuzzed at the same time")
    parser.add_argument(
        "--heavy", type=float, default=0.002, help="share of inputs past the row limit"
    )
    parser.add_argument("--hang", type=float, default=60.0, help="kill a worker silent this long")
    args = parser.parse_args()
    readers = [r for r in args.readers.split(",") if r]
    unknown = set(readers) - set(READERS)
    if unknown:
        parser.error(f"unknown readers: {', '.join(sorted(unknown))}")
    started = dt.datetime.now(dt.UTC)
    from concurrent.futures import ThreadPoolExecutor

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"fuzz-{started:%Y%m%dT%H%M%SZ}.json"
    done: list[dict[str, Any]] = []

    def run_and_save(reader: str) -> dict[str, Any]:
        result = _run(args, reader)
        done.append(result)
        _save(out, started, args, done)  # each reader's figures as soon as it finishes
        return result

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(run_and_save, readers))
    print(_table(results, args))
    _save(out, started, args, results)
    print(f"\nfuzz: results in {out.relative_to(ROOT)}", file=sys.stderr)
    return 0 if all(r["passed"] for r in results) else 1


def _save(
    out: Path, started: dt.datetime, args: argparse.Namespace, results: list[dict[str, Any]]
) -> None:
    out.write_text(
        json.dumps(
            {
                "benchmark": "fuzz",
                "started": started.isoformat(),
                "arguments": vars(args),
                "targets": {"seconds": TARGET_SECONDS, "rss_mb": TARGET_RSS_MB},
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "load_average": os.getloadavg(),
                },
                "commit": _commit(),
                "results": results,
            },
            indent=2,
        )
    )


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip()


def _table(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [
        f"Fuzz: {args.count} inputs per reader (share past the row limit {args.heavy}); "
        f"targets: no failure, ≤ {TARGET_SECONDS:g} s per input, ≤ {TARGET_RSS_MB:g} MB RSS.",
        "",
        "| reader | inputs | read | refused | failed | p50 ms | p99 ms | max s | max RSS MB "
        "| verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        o = r["outcomes"]
        lines.append(
            f"| {r['reader']} | {r['count']:,} | {o['read']:,} | {o['refused']:,} | "
            f"{o['failed']} | {r['p50_ms']} | {r['p99_ms']} | {r['max_seconds']} "
            f"(#{r['slowest_input']}) | {r['max_rss_mb']} | {'✓' if r['passed'] else '✗'} |"
        )
    for r in results:
        for failure in r["failures"][:3]:
            last = failure["error"].strip().splitlines()[-1:] or [""]
            lines.append(f"\n{r['reader']} #{failure['index']}: {last[0]}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
