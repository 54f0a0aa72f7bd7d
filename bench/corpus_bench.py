"""Corpus benchmark: the share of expected facts the importer reads from the plans of the genre.

Every document of ``cchc/plans/tests/corpus/`` is parsed and compared with its hand-written
summary (``cchc/plans/tests/corpus_check.py``: item count, sections, and a few items' number,
title, lead, partners and timeframe). Prints one line per document and the total.

    .venv/bin/python bench/corpus_bench.py
    .venv/bin/python bench/corpus_bench.py --code /tmp/base   # another checkout's cchc (before)
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
    total = read = exact = 0
    documents = check.documents()
    for path, expected in documents:
        result = check.score(path, expected, parse_path)
        total += result.facts
        read += result.read
        exact += result.read == result.facts
        status = result.error[:70] if result.error else f"{result.read}/{result.facts}"
        print(f"{path.name:45} {status}")
        if args.verbose:
            for miss in result.misses:
                print(f"    {miss}")
    print(
        f"\nfacts read: {read}/{total} = {read / total:.0%}; documents read exactly: "
        f"{exact}/{len(documents)} (code: {args.code})"
    )


if __name__ == "__main__":
    main()
