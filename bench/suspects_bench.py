"""Suspect-field check on the corpus: how many known misreads it flags, how many right facts.

Every document of ``cchc/plans/tests/corpus/`` is parsed (``parse_path``, which runs the check
at the end of ``assemble``); the fields ``parsing/suspects.py`` flags on each item are compared
with the hand-written summaries: for every ``known_misreads`` fact of an item (a field the
importer reads wrong), is that field of that item flagged (recall)? For every ordinary fact
(a field read right), is it flagged (false alarm)? Only the fields the check tests count
(lead, title, partners); the others are listed apart. Also prints the ``suspect-field``
warnings per document.

    .venv/bin/python bench/suspects_bench.py          # totals and the warnings per document
    .venv/bin/python bench/suspects_bench.py -v       # and every flagged or missed fact
    .venv/bin/python bench/suspects_bench.py --speed /tmp/plan-10k.md   # the check's cost
    .venv/bin/python bench/suspects_bench.py --no-points    # without parsing/points.py
    .venv/bin/python bench/suspects_bench.py --speed FILE --check points  # points.py's cost

It also counts, per held-out round, the facts on a row with a warning of ANY code on its lines
(the document's row, found by its title's first five words, or the row the importer put at that
index), the same with a warning of an after-the-fact check only (``CHECK_CODES``: for facts
read right, those checks' false alarms) and the after-the-fact checks' warnings per round.

``--speed FILE`` parses FILE (e.g. ``bench/generate_plan.py 10000 -o /tmp/plan-10k.md``)
three times with the check and three times with ``assemble.check_suspects`` replaced by a
no-op, alternated, and prints the medians (wall and CPU time) and the check's own CPU time.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import importlib.util
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("lead", "title", "partners")
# The codes of the after-the-fact checks (``coverage.py``, ``suspects.py``, ``points.py``,
# ``printednumbers.py``, ``unreadleads.py``,
# ``unreadpoints.py``, ``emptycells.py``).
CHECK_CODES = (
    "unread-text",
    "glued-points",
    "suspect-field",
    "points-missing",
    "list-split",
    "number-lost",
    "lead-not-announced",
    "number-misread",
    "lead-unread",
    "points-unread",
    "cells-empty",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="print each fact")
    parser.add_argument("--speed", type=Path, help="time parsing this file with and without")
    parser.add_argument(
        "--no-points", action="store_true", help="without the points check (parsing/points.py)"
    )
    parser.add_argument(
        "--check",
        choices=("suspects", "points"),
        default="suspects",
        help="the check --speed times (suspects.py or points.py)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    os.environ.setdefault("CCHC_ALLOW_EPHEMERAL_SECRET", "1")
    import django

    django.setup()
    if args.speed:
        speed(args.speed, args.check)
        return
    from cchc.plans.parsing import assemble, parse_document
    from cchc.plans.parsing.emptycells import FIELDS as EMPTY_FIELDS
    from cchc.plans.parsing.emptycells import empty_rows
    from cchc.plans.parsing.printednumbers import misread_numbers
    from cchc.plans.parsing.suspects import CODE, suspect_fields
    from cchc.plans.parsing.unreadleads import unread_leads
    from cchc.plans.readers import read_path

    if args.no_points:
        assemble.check_points = _no_points  # type: ignore[assignment]

    spec = importlib.util.spec_from_file_location(
        "corpus_check", ROOT / "cchc" / "plans" / "tests" / "corpus_check.py"
    )
    assert spec is not None and spec.loader is not None
    check = importlib.util.module_from_spec(spec)
    sys.modules["corpus_check"] = check
    spec.loader.exec_module(check)

    # (kind, field) -> [facts, flagged]; kind "wrong" (known misread) or "right"
    counts: dict[tuple[str, str], list[int]] = {}
    # kind -> [facts of the checked fields, of them on a row with any field flagged]
    rows_flagged: dict[str, list[int]] = {"wrong": [0, 0], "right": [0, 0]}
    rules: Counter[str] = Counter()
    warnings_per_doc: list[tuple[str, int, int]] = []
    # round -> kind -> [facts, on a row with a warning of any code on its lines]
    any_warned: dict[int, dict[str, list[int]]] = {}
    # round -> code -> warnings (the after-the-fact checks' codes)
    codes_per_round: dict[int, Counter[str]] = {}
    for path, expected in check.documents():
        try:
            doc = read_path(path)
            parsed = parse_document(doc)
        except Exception as exc:  # a known refusal: nothing to flag
            print(f"{path.name:50} refused: {str(exc)[:60]}")
            continue
        flagged = [suspect_fields(item) for item in parsed.items]
        # the number check's rows (printednumbers.py): their number field is flagged too
        for index, _printed in misread_numbers(doc, parsed):
            flagged[index].setdefault("number", "number-misread")
        for index in unread_leads(parsed):  # and the lead check's (unreadleads.py)
            flagged[index].setdefault("lead", "lead-unread")
        for index in empty_rows(parsed):  # and the empty-cells check's (emptycells.py)
            for name in EMPTY_FIELDS:
                flagged[index].setdefault(name, "cells-empty")
        round_ = int(expected.get("held_out_round", 0))
        codes_per_round.setdefault(round_, Counter()).update(
            w.code for w in parsed.warnings if w.code in CHECK_CODES
        )
        on_row = _warned_rows(parsed) | _warned_document_rows(doc, parsed, expected)
        # the rows with a warning of an after-the-fact check (their false alarms on right facts)
        on_row_checks = _warned_rows(parsed, CHECK_CODES) | _warned_document_rows(
            doc, parsed, expected, CHECK_CODES
        )
        for rule_names in flagged:
            rules.update(rule_names.values())
        warned = sum(w.code == CODE for w in parsed.warnings)
        warnings_per_doc.append((path.name, warned, len(parsed.items)))
        for kind, facts in (
            ("right", expected["facts"]),
            ("wrong", expected.get("known_misreads", [])),
        ):
            for fact in facts:
                if "index" not in fact:
                    continue
                index = fact["index"]
                for name in check.FACT_FIELDS:
                    if name not in fact:
                        continue
                    per_round = any_warned.setdefault(round_, {}).setdefault(kind, [0, 0, 0])
                    per_round[0] += 1
                    per_round[1] += index in on_row
                    per_round[2] += index in on_row_checks
                    if args.verbose and kind == "wrong" and index not in on_row:
                        item = parsed.items[index] if index < len(parsed.items) else None
                        got = getattr(item, name) if item is not None else None
                        print(f"  silent {path.name[:24]} item {index} {name}: {str(got)[:70]!r}")
                    tally = counts.setdefault((kind, name), [0, 0])
                    tally[0] += 1
                    hit = index < len(flagged) and name in flagged[index]
                    tally[1] += hit
                    if name in CHECKED:
                        rows_flagged[kind][0] += 1
                        rows_flagged[kind][1] += index < len(flagged) and bool(flagged[index])
                    if args.verbose and name in CHECKED and (hit or kind == "wrong"):
                        item = parsed.items[index] if index < len(parsed.items) else None
                        got = getattr(item, name) if item is not None else None
                        rule = flagged[index].get(name, "-") if hit else "not flagged"
                        print(
                            f"  {kind:5} {path.name[:24]} item {index} {name}: {rule}: "
                            f"{str(got)[:70]!r}"
                        )
    print()
    print("documents and their suspect-field warnings (warnings / rows):")
    for name, warned, rows in warnings_per_doc:
        print(f"  {name:56} {warned:3} / {rows}")
    total_warned = sum(w for _n, w, _r in warnings_per_doc)
    total_rows = sum(r for _n, _w, r in warnings_per_doc)
    print(
        f"  all: {total_warned} warnings on {total_rows} rows in {len(warnings_per_doc)} documents"
    )
    print()
    print("rules that held (fields flagged, all rows):", dict(sorted(rules.items())))
    print()
    for kind, label in (("wrong", "known misreads flagged"), ("right", "facts read right flagged")):
        for subset, names in (("checked fields", CHECKED), ("all fields", check.FACT_FIELDS)):
            facts = sum(counts.get((kind, n), [0, 0])[0] for n in names)
            hits = sum(counts.get((kind, n), [0, 0])[1] for n in names)
            share = f"{hits / facts:.1%}" if facts else "-"
            per_field = ", ".join(
                f"{n} {counts[(kind, n)][1]}/{counts[(kind, n)][0]}"
                for n in names
                if (kind, n) in counts
            )
            print(f"{label} ({subset}): {hits}/{facts} = {share}  [{per_field}]")
        facts, hits = rows_flagged[kind]
        share = f"{hits / facts:.1%}" if facts else "-"
        print(
            f"{label} (checked fields, on a row with any field flagged): {hits}/{facts} = {share}"
        )

    print()
    print("facts on a row with a warning of ANY code on its lines, per held-out round (0: none):")
    for round_, kinds in sorted(any_warned.items()):
        wrong, right = kinds.get("wrong", [0, 0, 0]), kinds.get("right", [0, 0, 0])
        print(
            f"  round {round_}: misreads {wrong[1]}/{wrong[0]}, "
            f"facts read right {right[1]}/{right[0]}"
        )
    for kind, label in (("wrong", "misreads"), ("right", "facts read right")):
        facts = sum(k.get(kind, [0, 0])[0] for k in any_warned.values())
        hits = sum(k.get(kind, [0, 0])[1] for k in any_warned.values())
        print(f"  all rounds: {label} {hits}/{facts} = {hits / max(facts, 1):.1%}")
    print()
    print(
        "facts on a row with a warning of an after-the-fact check (" + ", ".join(CHECK_CODES) + ")"
    )
    for round_, kinds in sorted(any_warned.items()):
        wrong, right = kinds.get("wrong", [0, 0, 0]), kinds.get("right", [0, 0, 0])
        print(
            f"  round {round_}: misreads {wrong[2]}/{wrong[0]}, "
            f"facts read right {right[2]}/{right[0]}"
        )
    for kind, label in (("wrong", "misreads"), ("right", "facts read right")):
        facts = sum(k.get(kind, [0, 0, 0])[0] for k in any_warned.values())
        hits = sum(k.get(kind, [0, 0, 0])[2] for k in any_warned.values())
        print(f"  all rounds: {label} {hits}/{facts} = {hits / max(facts, 1):.1%}")
    print()
    print("the after-the-fact checks' warnings per round:")
    for round_, codes in sorted(codes_per_round.items()):
        print(f"  round {round_}: " + ", ".join(f"{c} {codes[c]}" for c in CHECK_CODES))


def _warned_rows(parsed: Any, codes: tuple[str, ...] | None = None) -> set[int]:
    """The indexes of the rows with a warning of any code (or of ``codes``) on their lines:
    from the row's line to the next row's (the first row from the start of the document)."""
    starts = [item.line or 0 for item in parsed.items]
    rows: set[int] = set()
    for warning in parsed.warnings:
        if warning.line is None or (codes is not None and warning.code not in codes):
            continue
        # the last row starting at or before the warning's line (the first row for earlier ones)
        at = max(bisect.bisect_right(starts, warning.line) - 1, 0)
        # rows sharing that line (two rows read from one line) all carry it
        rows.update(i for i, start in enumerate(starts) if start == starts[at])
    return rows


def _warned_document_rows(
    doc: Any, parsed: Any, expected: dict[str, Any], codes: tuple[str, ...] | None = None
) -> set[int]:
    """The indexes of the document's rows (as the summary numbers them) with a warning on their
    lines: a row's line is where its title's first five words stand (searched in order, each
    after the one before); it spans to the next row found."""
    titles: dict[int, str] = {}
    for fact in [*expected["facts"], *expected.get("known_misreads", [])]:
        if "index" in fact and fact.get("title"):
            titles.setdefault(fact["index"], fact["title"])
    stream: list[tuple[str, int]] = []
    for block in doc.blocks:
        rows = [(block.line, block.text)] if hasattr(block, "text") else []
        rows += [(row.line, " ".join(row.cells)) for row in getattr(block, "rows", [])]
        for line, text in rows:
            stream.extend((word, line) for word in re.findall(r"\w+", text.casefold()))
    words = [word for word, _line in stream]
    found: list[tuple[int, int]] = []
    position = 0
    for index in sorted(titles):
        key = re.findall(r"\w+", titles[index].casefold())[:5]
        for at in range(position, len(words) - len(key) + 1):
            if words[at : at + len(key)] == key:
                found.append((index, stream[at][1]))
                position = at + len(key)
                break
    lines = [
        w.line for w in parsed.warnings if w.line is not None and (codes is None or w.code in codes)
    ]
    rows: set[int] = set()
    if not found:
        return rows
    for (index, start), end in zip(found, [*(line for _i, line in found[1:]), 10**9], strict=True):
        if any(start <= line < max(end, start + 1) for line in lines):
            rows.add(index)
    return rows


def _no_points(doc: object, parsed: object) -> None:
    return None


def speed(path: Path, which: str) -> None:
    from cchc.plans.parsing import assemble, parse_path, points, suspects
    from cchc.plans.readers import read_path

    name = "check_suspects" if which == "suspects" else "check_points"
    real = getattr(assemble, name)
    wall: dict[str, list[float]] = {"with": [], "without": []}
    cpu: dict[str, list[float]] = {"with": [], "without": []}
    parse_path(path)  # warm-up
    for run in range(3):
        for mode in ("with", "without") if run % 2 else ("without", "with"):
            setattr(assemble, name, real if mode == "with" else _no_check)
            gc.collect()
            started, started_cpu = time.perf_counter(), time.process_time()
            parsed = parse_path(path)
            wall[mode].append(time.perf_counter() - started)
            cpu[mode].append(time.process_time() - started_cpu)
            codes = (suspects.CODE, points.MISSING_CODE, points.SPLIT_CODE)
            warned = sum(w.code in codes for w in parsed.warnings)
            print(
                f"{mode:8} wall {wall[mode][-1]:.2f} s  cpu {cpu[mode][-1]:.2f} s  "
                f"{warned} warnings"
            )
            del parsed
    setattr(assemble, name, real)
    source = read_path(path)
    parsed = parse_path(path)
    started_cpu = time.process_time()
    for _ in range(5):
        if which == "suspects":
            suspects.check_suspects(parsed)
        else:
            points.check_points(source, parsed)
    alone = (time.process_time() - started_cpu) / 5
    print(f"the check alone: {alone:.3f} s CPU on {len(parsed.items)} rows")
    for name, times in (("wall", wall), ("cpu", cpu)):
        with_, without = statistics.median(times["with"]), statistics.median(times["without"])
        print(
            f"{name} medians of 3: with {with_:.2f} s, without {without:.2f} s "
            f"({with_ / without - 1:+.1%})"
        )


def _no_check(*args: object) -> None:
    return None


if __name__ == "__main__":
    main()
