"""A row whose every assignment cell is empty among rows that have them (issue 15, point 4).

A row's field is ``None`` where the document has no such column and ``""`` where its cell is
empty (``result.Item``). The lead check (``unreadleads.py``) looks at ``None`` only: an empty
cell was seen by the reader. One empty cell is common (a task without partners, a deadline left
open); a row whose lead, partners AND timeframe are all empty, in a plan whose every other row
fills all three, is another shape: its cells were not found where the reader looked (a
table printed one cell per line whose cells were glued into the title, a row split in two),
and the title usually holds them.

- ``cells-empty``: such a row, in a plan of at least ``_MIN_ROWS`` rows whose other rows
  (at least ``_MIN_FULL``) all fill the three cells. One warning per row, on its line; the
  lead, partners and timeframe are the fields flagged. A plan where some row leaves one of the
  cells empty is left alone: there, empty cells are the document's (a directive to all, a
  task without partners), as in most prose plans (a corpus run flagged 19 such rows right when
  the other rows had only to name their lead).

Cost: two passes over the rows.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cchc.plans.parsing.result import Item, ParsedPlan

CODE = "cells-empty"
# The assignment cells that are all empty in a suspect row.
FIELDS = ("lead", "partners", "timeframe")
# The plan's smallest size for the comparison, and the fewest rows with the three cells filled.
_MIN_ROWS = 3
_MIN_FULL = 2
_SHOWN_WORDS = 8


def empty_rows(parsed: ParsedPlan) -> list[int]:
    """The indexes of the rows whose assignment cells are all empty among rows that fill them."""
    items = parsed.items
    if len(items) < _MIN_ROWS:
        return []
    empty = [index for index, item in enumerate(items) if _all_empty(item)]
    if not empty:
        return []
    full = sum(all(getattr(item, name) for name in FIELDS) for item in items)
    # Every other row fills the three cells: the table prints them on each of its rows.
    if full < _MIN_FULL or full + len(empty) < len(items):
        return []
    return empty


def check_empty_cells(parsed: ParsedPlan) -> None:
    """One ``cells-empty`` warning per row with all its assignment cells empty (see above)."""
    for index in empty_rows(parsed):
        item = parsed.items[index]
        parsed.warn(
            item.line,
            _(
                "Row «%(text)s» has empty lead, partner and deadline cells while the plan's "
                "other rows fill them: its cells may have been read into its title or another "
                "row. Check it before storing."
            )
            % {"text": " ".join((item.title or "").split()[:_SHOWN_WORDS])},
            CODE,
        )


def _all_empty(item: Item) -> bool:
    return all(getattr(item, name) == "" for name in FIELDS)
