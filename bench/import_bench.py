"""Import benchmark: how long reading, parsing and storing a plan takes, and how much memory.

For the seed plan and a generated 10,000-row plan (bench/generate_plan.py), each in its own
process on a fresh SQLite database in a temporary directory:

* reference: read the file and split it into lines (the noise yardstick of this run);
* read + parse: ``parse_path`` (ratio = parse / reference, comparable across machines);
* store: ``import_plan`` into an empty database; re-import of the same document (the update
  path, nothing changed) and of an edited one (every 10th row's title changed);
* memory: tracemalloc peak of parse and of store, and the growth of the process's peak RSS;
  flatness = peak for 10,000 rows / peak for 2,500 rows (1.0 is flat, 4.0 is linear);
* "+ registry": the same 10,000-row plan into a database holding the shipped agency registry
  (``cchc agencies load``: the real agencies and the former communes), so that every lead and
  partner text becomes assignments (``sync_plan_assignments``); its assignments are counted.

Medians of R runs. Prints a markdown table and writes JSON to bench/results/.

    scripts/bench                       # seed x5, 10,000 rows x3, 2,500 rows x3 (memory)
    scripts/bench --rows 20000 --repeat-large 1
    scripts/bench --cases registry      # only the 10,000-row plan with the registry loaded
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_data" / "plans" / "ke-hoach-402-KH-UBND-bac-giang-2021-2030.md"
RESULTS = ROOT / "bench" / "results"
# benchmarks.md, "import": the seed plan read + stored < 1 s; a 10,000-row plan < 10 s.
TARGET_SECONDS = {"seed": 1.0, "large": 10.0}


# --------------------------------------------------------------------------- worker process


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _worker(path: Path, repeat: int, workdir: Path, registry: bool = False) -> dict[str, Any]:
    """Measure one file; runs in its own process so that peak RSS belongs to this file alone."""
    db = workdir / "bench.sqlite3"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cchc.settings",
            "CCHC_ALLOW_EPHEMERAL_SECRET": "1",
            "CCHC_DATA_DIR": str(workdir),
            "DATABASE_URL": f"sqlite:///{db}",
        }
    )
    os.environ.pop("CCHC_SECRET_KEY", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    if registry:
        from cchc.agencies.registry import load_registry

        load_registry()
    connections.close_all()
    template = workdir / "template.sqlite3"
    shutil.copyfile(db, template)

    def fresh_db() -> None:
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, db)

    from cchc.agencies.models import Agency, Assignment, AssignmentChange
    from cchc.plans.actions import import_plan
    from cchc.plans.parsing import parse_path

    phases = _time_phases()

    out: dict[str, Any] = {"file": str(path), "bytes": path.stat().st_size, "repeat": repeat}
    out["agencies"] = Agency.objects.count()
    # Warm up (imports, regexes, translations) on the seed plan, so the first timed run of a
    # large file is not charged for them.
    with contextlib.suppress(Exception):  # the timed runs below report any error
        import_plan(parsed=parse_path(SEED), source_sha256="0" * 64)
    fresh_db()
    sha = hashlib.sha256(path.read_bytes()).hexdigest()

    # Reference: the least work any import does: read the bytes, decode, split lines.
    ref = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        lines = path.read_bytes().decode("utf-8").splitlines()
        ref.append(time.perf_counter() - t0)
    out["lines"] = len(lines)
    del lines

    rss_base = _maxrss_mb()
    parse_t, create_t, same_t, edited_t = [], [], [], []
    phase_t: dict[str, list[float]] = {}
    counts: dict[str, Any] = {}
    try:
        for _ in range(repeat):
            t0 = time.perf_counter()
            parsed = parse_path(path)
            parse_t.append(time.perf_counter() - t0)
        out["rows"] = len(parsed.items)
        out["warnings"] = len(parsed.warnings)

        edited = copy.deepcopy(parsed)
        for item in edited.items[::10]:
            item.title = (item.title or "") + " (sửa đổi)"
        edited_sha = hashlib.sha256(sha.encode() + b"edited").hexdigest()

        for _ in range(repeat):
            fresh_db()
            phases.clear()
            t0 = time.perf_counter()
            res = import_plan(parsed=parsed, source_sha256=sha)
            create_t.append(time.perf_counter() - t0)
            for name in PHASES:
                phase_t.setdefault(name, []).append(phases.get(name, 0.0))
            counts["create"] = {
                "created": res.created,
                "updated": res.updated,
                "assignments": res.assignments,
            }
            t0 = time.perf_counter()
            res = import_plan(parsed=parsed, source_sha256=sha)
            same_t.append(time.perf_counter() - t0)
            counts["same"] = {"unchanged": res.unchanged, "updated": res.updated}
            t0 = time.perf_counter()
            res = import_plan(parsed=edited, source_sha256=edited_sha)
            edited_t.append(time.perf_counter() - t0)
            counts["edited"] = {
                "updated": res.updated,
                "unchanged": res.unchanged,
                "assignments": res.assignments,
            }
            counts["stored"] = {
                "open_assignments": Assignment.objects.open().count(),
                "assignment_changes": AssignmentChange.objects.count(),
            }
        out["counts"] = counts
        out["maxrss_delta_mb"] = _maxrss_mb() - rss_base
        del parsed, edited, res

        # Memory with tracemalloc (slower, so not timed): parse, then store into a fresh DB.
        fresh_db()
        tracemalloc.start()
        parsed = parse_path(path)
        out["peak_parse_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.reset_peak()
        import_plan(parsed=parsed, source_sha256=sha)
        out["peak_store_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    except Exception as exc:  # report what failed; the parent prints it
        out["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        connections.close_all()

    med = statistics.median
    out["times"] = {
        "reference": ref,
        "parse": parse_t,
        "store_create": create_t,
        "reimport_same": same_t,
        "reimport_edited": edited_t,
    }
    out["median_s"] = {k: (med(v) if v else None) for k, v in out["times"].items()}
    out["store_create_phases_s"] = {k: med(v) for k, v in phase_t.items() if v}
    return out


# Steps of ``import_plan`` timed apart in each "store new" run (module, function).
PHASES = {
    "assignments": ("cchc.agencies.actions", "sync_plan_assignments"),
    "targets": ("cchc.indicators.actions", "propose_plan_targets"),
}


def _time_phases() -> dict[str, float]:
    """Wrap the functions of ``PHASES`` so that each call adds its seconds to the returned
    dict (``import_plan`` looks them up at call time)."""
    import importlib

    spent: dict[str, float] = {}
    for name, (module_name, attr) in PHASES.items():
        module = importlib.import_module(module_name)
        inner = getattr(module, attr)

        def timed(*args: Any, _inner: Any = inner, _name: str = name, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return _inner(*args, **kwargs)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - t0

        setattr(module, attr, timed)
    return spent


# --------------------------------------------------------------------------- parent process


def _run_worker(path: Path, repeat: int, registry: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as workdir:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", str(path), "--repeat", str(repeat),
             "--workdir", workdir, *(["--registry"] if registry else [])],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
    if proc.returncode != 0 or not proc.stdout.strip():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
        return {"file": str(path), "error": "worker failed:\n" + "\n".join(tail)}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    ms = seconds * 1000
    return f"{ms:.2f}" if ms < 10 else f"{ms:,.0f}"


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CCHC import benchmark (see module docstring).")
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the large plan")
    parser.add_argument("--flat-rows", type=int, default=2_500, help="rows of the small plan")
    parser.add_argument("--repeat-seed", type=int, default=5)
    parser.add_argument("--repeat-large", type=int, default=3)
    parser.add_argument("--json", type=Path, help="where to write the JSON results")
    parser.add_argument(
        "--cases",
        default="seed,large,small,registry",
        help="comma-separated cases to run: seed, large, small, registry (default: all)",
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--registry", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(_worker(args.worker, args.repeat, args.workdir, args.registry)))
        return 0

    sys.path.insert(0, str(ROOT / "bench"))
    from generate_plan import write_plan

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-plans-") as tmp:
        large = write_plan(Path(tmp) / f"plan-{args.rows}.md", args.rows)
        small = write_plan(Path(tmp) / f"plan-{args.flat_rows}.md", args.flat_rows)
        wanted = {c.strip() for c in args.cases.split(",") if c.strip()}
        cases = [
            ("seed", "seed", SEED, args.repeat_seed, "seed", False),
            ("large", f"generated {args.rows:,}", large, args.repeat_large, "large", False),
            ("small", f"generated {args.flat_rows:,}", small, args.repeat_large, None, False),
            (
                "registry",
                f"generated {args.rows:,} + registry",
                large,
                args.repeat_large,
                "large",
                True,
            ),
        ]
        results = []
        for case, label, path, repeat, target_key, registry in cases:
            if case not in wanted:
                continue
            print(f"bench: {label} ({path.stat().st_size / 1e6:.2f} MB) x{repeat} ...",
                  file=sys.stderr, flush=True)  # fmt: skip
            res = _run_worker(path, repeat, registry)
            res["case"] = case
            res["label"] = label
            res["target_s"] = TARGET_SECONDS.get(target_key) if target_key else None
            med = res.get("median_s", {})
            if med.get("parse") is not None and med.get("store_create") is not None:
                res["total_s"] = med["parse"] + med["store_create"]
            results.append(res)

    lines = [
        "| plan | rows | MB | reference ms | read+parse ms | ratio | store new ms "
        "| re-import same ms | re-import edited ms | read+parse+store s | target | "
        "tracemalloc peak parse / store MB | max RSS Δ MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    failures = []
    for r in results:
        med = r.get("median_s", {})
        ratio = (
            f"{med['parse'] / med['reference']:,.0f}×"
            if med.get("parse") and med.get("reference")
            else "—"
        )
        total = r.get("total_s")
        target = r.get("target_s")
        verdict = "—"
        if target is not None:
            if total is None:
                verdict = "n/a"
            else:
                verdict = f"✓ < {target:g} s" if total < target else f"✗ ≥ {target:g} s"
            if total is not None and total >= target:
                failures.append(f"{r['label']}: {total:.2f} s ≥ {target} s")
        peaks = (
            f"{r['peak_parse_mb']:.1f} / {r['peak_store_mb']:.1f}" if "peak_store_mb" in r else "—"
        )
        rss = f"{r['maxrss_delta_mb']:.0f}" if "maxrss_delta_mb" in r else "—"
        lines.append(
            f"| {r['label']} | {r.get('rows', '—')} | {r.get('bytes', 0) / 1e6:.2f} "
            f"| {_ms(med.get('reference'))} | {_ms(med.get('parse'))} | {ratio} "
            f"| {_ms(med.get('store_create'))} | {_ms(med.get('reimport_same'))} "
            f"| {_ms(med.get('reimport_edited'))} "
            f"| {'—' if total is None else f'{total:.2f}'} | {verdict} | {peaks} | {rss} |"
        )

    by_case = {r["case"]: r for r in results}
    big, small_r = by_case.get("large", {}), by_case.get("small", {})
    flat: dict[str, float | None] = {}
    for key in ("peak_parse_mb", "peak_store_mb", "maxrss_delta_mb"):
        a, b = big.get(key), small_r.get(key)
        flat[key] = (a / b) if a is not None and b else None
    scale = args.rows / args.flat_rows
    lines.append("")
    for r in results:
        if r.get("case") == "registry" and "counts" in r:
            c = r["counts"]
            lines.append(
                f"{r['label']}: {r.get('agencies', 0):,} agencies; assignments on the first "
                f"import {c['create'].get('assignments')}, on the edited one "
                f"{c['edited'].get('assignments')}; stored {c['stored']}"
            )
    for r in results:
        ph = r.get("store_create_phases_s") or {}
        store = r.get("median_s", {}).get("store_create")
        if ph and store:
            rest = store - sum(ph.values())
            lines.append(
                f"{r['label']}, store new by step (medians): assignments sync "
                f"{_ms(ph.get('assignments'))} ms, targets {_ms(ph.get('targets'))} ms, the rest "
                f"(tree, nodes, change report) ~{_ms(rest)} ms"
            )
    if big and small_r:
        lines.append(
            f"Memory flatness ({args.rows:,} vs {args.flat_rows:,} rows; 1.0 = flat, "
            f"{scale:.1f} = linear): "
            + ", ".join(
                f"{name} {'—' if flat[key] is None else f'{flat[key]:.2f}×'}"
                for key, name in (
                    ("peak_parse_mb", "parse peak"),
                    ("peak_store_mb", "store peak"),
                    ("maxrss_delta_mb", "max RSS Δ"),
                )
            )
        )
    lines.append(
        "Medians; 'reference' = read the file + split lines in the same process and run; "
        "ratio = read+parse / reference."
    )
    errors = [f"{r['label']}: {r['error']}" for r in results if r.get("error")]
    for err in errors:
        lines.append(f"\nERROR {err}")
    report = "\n".join(lines)
    print(report)

    import django

    payload = {
        "benchmark": "import",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "scripts/bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "git_commit": _git_commit(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "elapsed_s": round(time.perf_counter() - started, 1),
        "results": results,
        "memory_flatness": flat,
        "target_failures": failures,
        "markdown": report,
    }
    out = args.json
    if out is None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"import-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"\nbench: results written to {shown}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
