"""The middle cells of a row printed one cell after another, assigned to any columns.

A task table in a gazette's PDF text (``serialcells.py``) prints a row's cells one after
another, each wrapped over lines. Between the task and the timeframe a table may hold any of
the known columns in any order ("Cơ quan chủ trì", "Cơ quan phối hợp", "Cấp trình", "Sản
phẩm", "Kết quả", "Kinh phí") and columns the vocabulary does not know. The lines are cut into
cells where a line opens a new one (a capital after a line that ends a name: ``starts``), then
the cells are assigned to the columns in order, by what each column holds: the lead and the
partners open with a body's name ("Bộ Tài chính", "Các bộ, cơ quan ngang bộ"), a result with
a document's or product's noun ("Văn bản", "Nghị định", "Hoạt động"), any other column is
free text. More cells than columns (a cell cut where a name ended) are joined to the cell
before them where that reads best; fewer (an empty cell) leave the column that reads worst
empty. The caller warns when the cells and the columns do not match one for one.

Example: "Các bộ, cơ" / "quan ngang bộ" / "Bộ Nội vụ" / "Quốc hội," / "Chính phủ" / "Luật,"
/ "Nghị định" for lead, partners, "Cấp trình", "Sản phẩm": lead "Các bộ, cơ quan ngang bộ",
partners "Bộ Nội vụ", level "Quốc hội, Chính phủ", result "Luật, Nghị định".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

# Cost of a cell joined to the one before it, and of a column left empty.
_JOIN = 1.0
_EMPTY = 2.0
# The most cells of a row weighed one by one: the assignment costs cells² × columns, and a
# real row has a few cells a column (entries 168-177: at most 14 in all). The cells past it
# go whole to the last column weighed, and the row is unsure (the caller warns).
MAX_CELLS = 60


def assign_cells(
    texts: list[str],
    keys: list[str],
    found: dict[str, list[str]],
    *,
    starts: Callable[[str, str], bool],
    kind: Callable[[list[str]], str],
) -> bool:
    """Fill ``found`` with the cells of ``texts`` assigned to ``keys`` (``kind`` of a cell's
    lines: "body", "output" or ""); whether cells and columns matched one for one."""
    chunks: list[list[str]] = []
    for index, text in enumerate(texts):
        # (the two lines before: a name's head word broken, "Thanh" / "tra" / "Chính phủ")
        if not chunks or (index and starts(" ".join(texts[max(0, index - 2) : index]), text)):
            chunks.append([])
        chunks[-1].append(text)
    if not keys:
        return not chunks
    capped = len(chunks) > MAX_CELLS
    if capped:
        chunks[MAX_CELLS - 1 :] = [[line for chunk in chunks[MAX_CELLS - 1 :] for line in chunk]]
    kinds = [kind(chunk) for chunk in chunks]

    def fit(key: str, first: int) -> float:
        what = kinds[first]
        if key in ("lead", "partners"):
            return {"body": 0.0, "output": 3.0}.get(what, 1.0)
        if key == "outputs":
            return {"output": 0.0, "body": 2.0}.get(what, 0.5)
        return 0.5

    @cache
    def best(chunk: int, column: int) -> tuple[float, tuple[int, ...]]:
        """(cost, how many cells each column from ``column`` takes) from cell ``chunk``."""
        if column == len(keys):
            return (0.0, ()) if chunk == len(chunks) else (float("inf"), ())
        options = []
        for take in range(1, len(chunks) - chunk + 1):
            cost, rest = best(chunk + take, column + 1)
            options.append((cost + fit(keys[column], chunk) + _JOIN * (take - 1), (take, *rest)))
        # (last: at equal cost a cell goes to the first column that can take it)
        cost, rest = best(chunk, column + 1)
        options.append((cost + _EMPTY, (0, *rest)))
        return min(options, key=lambda option: option[0])

    _cost, takes = best(0, 0)
    position = 0
    for key, take in zip(keys, takes, strict=True):
        if take:
            found[key] = [line for chunk in chunks[position : position + take] for line in chunk]
        position += take
    return not capped and len(chunks) == len(keys)
