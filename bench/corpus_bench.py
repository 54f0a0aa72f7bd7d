"""Corpus benchmark: the share of expected facts the importer reads from the plans of the genre.

Every document of ``cchc/plans/tests/corpus/`` is parsed and compared with its hand-written
summary (``cchc/plans/tests/corpus_check.py``: item count, sections, and a few items' number,
title, lead, partners and timeframe). Prints one line per document and the totals, split
between the REAL documents gathered from public sources (``"real": true`` in their summary)
and the MODELS the team wrote after the failure classes of issue 15.

    .venv/bin/python bench/corpus_bench.py
    .venv/bin/python bench/corpus_bench.py --code /tmp/base   # another checkout's cchc (before)

Figures (2026-12-04, 43 entries: 21 real = 20 distinct documents, 22 models), the base being
the code before entries 38-43 (``git archive a6f6906 cchc``): real 385/440 facts = 88 %
(16/21 entries exact) before, 440/440 = 100 % (21/21) after; models 266/269 = 99 % (20/22)
both. Of the new entries, before: 38 14/17, 39 6/20, 40 24/24, 41 1/22, 42 13/22, 43 14/22.
Earlier (37 entries, base ``b66eab1``): real 179/313 before, 313/313 after.

Those 100 % overstated: the expected facts left out what the importer misreads. Since the
``known_misreads`` (43 facts in entries 28, 32, 34, 36, 37, 41, 43; three titles that asserted
the "Nội dung" text instead of the heading moved there; 36 and 37 extended to their whole
section, which had been cut to avoid misreads) the figures (2026-12-04, same code) are: real
439/482 = 91.1 % with the known misreads (0/43 read), 439/439 without; 14/21 real entries
exact; models 266/269 = 98.9 %; all 705/751 = 93.9 % (705/708 without).

Held out (issue 15, third round): entries 44-51 ("held_out": true), 8 real documents whose
summaries were committed (3d82e1d) before the importer was run on them. First reading, code of
3d82e1d: 20/173 facts = 11.6 %, 0/8 exact (two refused). After the rules written for them
(this branch): 173/173, 8/8 exact; real 655/655 = 100 % (29/29 entries), models 266/269.
The after-figure is no longer a held-out measure: the next documents found are. A second
batch (entries 52-54, summaries committed in 9994dc9 before the run) read 6/59 = 10.2 %, 0/3
exact with the rules of the first; after rules written for it, 58/59 (one known misread).
A third batch (entries 55-56, 8b59569): 3/34 = 8.8 %, 0/2 before; 34/34 after. Entry 57
(469eb05): 1/10 before, 10/10 after. Entry 58 (42f2471): 2/13 before, 13/13 after. First
readings in all: 32/289 = 11.1 %, 0/15 exact.

Held out, third batch (issue 15): entries 62-69 ("held_out_round": 3; 52-54 are round 2), 8
real documents whose summaries were committed (950430b, cc79657) before the importer was run
on them. First reading, code of main 0550e48 (2026-12-04): 115/198 facts = 58.1 %, 1/8 exact;
main c354da4: 116/198, 1/8. What it misreads is kept as known misreads (82 facts), see
bench/README.md. Entry 65 turned out to be entry 57 (Thông báo 637/TB-VPCP, tuned on in batch
57) and was dropped (the two summaries agree on every shared fact); on the 7 entries left
(181 facts), 2026-12-04: main c354da4 114/181 = 63.0 %, 1/7 exact; the merged reader (main
4892879, rules of batches 55-58) 100/181 = 55.2 %, 1/7: 15 regressions, all from f9dff6d
(62: 12, 64: 2, 67: the count), kept as known misreads (81 in the batch); 0 expectations
corrected. Held out from the reader of batches 55-58 only in so far as 65 was 57 (removed).

Held out, fourth batch (issue 15): entries 70-80 ("held_out_round": 4), 11 real documents whose
summaries were committed (f1a2023) before the importer was run on them. First reading, the
reader of main e57199f (2026-12-05): 160/442 facts = 36.2 %, 1/11 exact; the 282 facts read
wrong are known misreads (8 item counts, 6 sections, 268 fields), 0 expectations corrected.

Held out, fifth batch (issue 15): entries 81-89 ("held_out_round": 5), 9 real documents (agency
headings, a ministry's and the Government Office's letters; no task table) whose summaries were
committed (e22590f) before the importer was run on them. First reading, the reader of main 21358bd
(= e57199f's): 106/334 = 31.7 %, 0/9 exact as committed; 127/334 = 38.0 %, 0/9 after correcting
one expectation (entry 88 has 36 rows, not 35); the 207 facts read wrong are known misreads.
Entry 90 (a table, summary committed in d5824bf) is refused: 0/58; round 5 with it 106/392 as
committed, 127/392 = 32.4 % corrected, 0/10 exact.

Held out, sixth batch (issue 15): entries 91-100 ("held_out_round": 6), 10 real documents
(conclusion notices, a resolution, telegrams, letters, two provincial plans; no task table)
whose summaries were committed (ff58325) before the importer was run on them. First reading,
the reader of main c970afc (2026-12-05): 124/256 = 48.4 %, 1/10 exact; the 132 facts read
wrong are known misreads (5 item counts, 4 sections, 123 fields), 0 expectations corrected.
Held out, seventh batch (issue 15): entries 101-110 ("held_out_round": 7), 10 real documents
(a task table of the National Assembly's Standing Committee, plans of Cần Thơ and Đắk Lắk,
Government Office notices and letter, telegrams, a department's letter) whose summaries were
committed (845cd8e) before the importer was run on them. First reading, the reader of main
6055f5b: 111/303 = 36.6 %, 1/10 exact, two letters refused; one expectation corrected (103's project
bullets are h)'s contents, as in entry 89): 116/302 = 38.4 %; the 186 facts read wrong are known
misreads (8 item counts, 1 section, 177 fields).
Held out, eighth batch (issue 15): entries 111-120 ("held_out_round": 8), 10 real documents (a
Đắk Lắk plan, Government Office notices and letters, telegrams; no task table) whose summaries,
with round 7's document lines, were committed (cb8a2dd) before the importer was run on them.
First reading, the reader of main 7cabe49: 88/180 = 48.9 %, 1/10 exact, document lines 24/30
(round 7's 30/30), two letters refused; the 92 facts read wrong are known misreads.
Held out, ninth batch (issue 15): entries 121-127 ("held_out_round": 9), 7 real documents (two
telegrams, four Party notices and conclusions, a city letter; no task table) whose summaries
were committed (596fe4a, 688753f) before the importer was run on them. First reading, the reader
of main f6758ff: 90/151 = 59.6 %, 0/7 exact, document lines 19/20; the 61 facts read wrong are
known misreads.
Held out, tenth batch (issue 15): entries 128-133 ("held_out_round": 10), 6 real documents (a
Prime Minister's decision with its action plan; five OCR'd scans: a Government Office notice, a
tax department's notice and two letters, a ministry plan's annex TASK TABLE) whose summaries were
committed (fa19223) before the importer was run on them. First reading, the reader of main
963a6fb: 103/208 = 49.5 %, 0/6 exact, document lines 10/14, the table refused; the 105 facts read
wrong are known misreads.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose cchc is measured")
    parser.add_argument("--verbose", "-v", action="store_true", help="print the facts missed")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    os.environ.setdefault("CCHC_ALLOW_EPHEMERAL_SECRET", "1")
    import django

    django.setup()
    from cchc.plans.parsing import parse_path

    spec = importlib.util.spec_from_file_location(
        "corpus_check", ROOT / "cchc" / "plans" / "tests" / "corpus_check.py"
    )
    assert spec is not None and spec.loader is not None
    check = importlib.util.module_from_spec(spec)
    sys.modules["corpus_check"] = check  # dataclasses look their module up
    spec.loader.exec_module(check)
    # kind -> [facts, read, documents, documents read exactly, known misread facts, of them read]
    totals: dict[str, list[int]] = {"real": [0] * 6, "model": [0] * 6}
    # facts, read, documents, exact: entries measured before any rule, per round of them
    # ("held_out_round", 1 when absent: entries 44-51; 2: 52-54; 3: 62-69; 4: 70-80; 5: 81-90;
    # 6: 91-100; 7: 101-110; 8: 111-120; 9: 121-127; 10: 128-133), and their document lines:
    # expected, read
    held_out: dict[int, list[int]] = {}
    # round -> [item fields, read at their index, read with the rows aligned by title]
    held_out_aligned: dict[int, list[int]] = {}
    # The documents' own number, date and title, apart from the facts: kind -> field ->
    # [expected, read], and kind -> [known misreads, of them read]
    document: dict[str, dict[str, list[int]]] = {"real": {}, "model": {}}
    document_known: dict[str, list[int]] = {"real": [0, 0], "model": [0, 0]}
    for path, expected in check.documents():
        result = check.score(path, expected, parse_path)
        kind = "real" if expected.get("real") else "model"
        totals[kind][0] += result.facts
        totals[kind][1] += result.read
        totals[kind][2] += 1
        totals[kind][3] += result.read == result.facts
        totals[kind][4] += result.known_facts
        totals[kind][5] += result.known_read
        if expected.get("held_out"):
            round_ = expected.get("held_out_round", 1)
            pair = held_out_aligned.setdefault(round_, [0, 0, 0])
            pair[0] += result.item_fields[0]
            pair[1] += result.item_fields[1]
            pair[2] += result.aligned[1]
            counts = held_out.setdefault(round_, [0] * 6)
            counts[0] += result.facts
            counts[1] += result.read
            counts[2] += 1
            counts[3] += result.read == result.facts
            counts[4] += result.document_facts
            counts[5] += result.document_read
        for name, (want, read) in result.document_by_field.items():
            counts = document[kind].setdefault(name, [0, 0])
            counts[0] += want
            counts[1] += read
        document_known[kind][0] += result.document_known_facts
        document_known[kind][1] += result.document_known_read
        status = result.error[:70] if result.error else f"{result.read}/{result.facts}"
        if result.known_facts:
            status += f" (known misreads {result.known_read}/{result.known_facts})"
        if result.document_facts:
            status += f"; document {result.document_read}/{result.document_facts}"
        print(f"{path.name:50} {kind:5} {status}")
        if args.verbose:
            for miss in [
                *result.misses,
                *(f"known: {m}" for m in result.known_misses),
                *result.document_misses,
                *(f"known: {m}" for m in result.document_known_misses),
            ]:
                print(f"    {miss}")
    print()
    overall = [sum(values) for values in zip(*totals.values(), strict=True)]
    for kind, (facts, read, docs, exact, known, known_read) in [
        *totals.items(),
        ("all", overall),
    ]:
        print(
            f"{kind:5} facts read: {read}/{facts} = {_share(read, facts)} with the known "
            f"misreads ({known_read}/{known} of them read); documents read exactly: {exact}/{docs}"
        )
        plain, plain_read = facts - known, read - known_read
        print(
            f"{kind:5} facts read: {plain_read}/{plain} = {_share(plain_read, plain)} "
            "without the known misreads"
        )
    for kind, fields in document.items():
        if not fields:
            continue
        want = sum(counts[0] for counts in fields.values())
        read = sum(counts[1] for counts in fields.values())
        detail = ", ".join(f"{name} {r}/{w}" for name, (w, r) in sorted(fields.items()))
        known, known_read = document_known[kind]
        print(
            f"{kind:5} document (own number, date, title; apart from the facts) read: "
            f"{read}/{want} = {_share(read, want)} ({detail}; known misreads {known_read}/{known})"
        )
    for round_, (facts, read, docs, exact, lines, lines_read) in sorted(held_out.items()):
        print(
            f"held-out round {round_} (summaries written before the importer ran on them): "
            f"{read}/{facts} = {_share(read, facts)}; documents read exactly: {exact}/{docs}; "
            f"document lines (number, date, title) read: {lines_read}/{lines}"
        )
    print(
        "item fields of the held-out rounds, at their index / with the rows aligned by title"
        " (a row lost or added shifts every later index; corpus_check.aligned_item_fields):"
    )
    for round_, (fields, at_index, aligned) in sorted(held_out_aligned.items()):
        print(
            f"  round {round_}: {at_index}/{fields} = {_share(at_index, fields)} / "
            f"{aligned}/{fields} = {_share(aligned, fields)}"
        )
    print(f"(code: {args.code})")


def _share(read: int, facts: int) -> str:
    return f"{read / facts:.1%}" if facts else "-"


if __name__ == "__main__":
    main()
