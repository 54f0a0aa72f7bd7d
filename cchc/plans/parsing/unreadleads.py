"""A lead the plan reads on its rows but not on one (issue 15, point 4; held-out rounds 14, 16).

A row's field is ``None`` where the document has no such column, ``""`` where its cell is empty
(``result.Item``). The suspect-field check (``suspects.py``) tests each row alone, and an absent
lead is no shape; among its neighbours it is one: in a plan whose other rows have a lead (read
from a column or a label), a row with none was read without its cells (a point read as prose, a
merged cell the reader did not carry down, a row whose labels it did not see).

- ``lead-unread``: a row whose lead is ``None`` in a plan where another row's lead is not. One
  warning per row, on its line; the lead is the field flagged. A plan with no lead anywhere (a
  list of tasks without bodies) is left alone, as are rows with an empty lead cell (``""``: the
  reader saw the column, and its own warnings say when it guessed).

Cost: two passes over the rows.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cchc.plans.parsing.result import ParsedPlan

CODE = "lead-unread"
# Words of the row's title shown in the warning.
_SHOWN_WORDS = 8


def unread_leads(parsed: ParsedPlan) -> list[int]:
    """The indexes of the rows with no lead (``None``) in a plan where other rows have one."""
    if all(item.lead is None for item in parsed.items):
        return []
    return [index for index, item in enumerate(parsed.items) if item.lead is None]


def check_unread_leads(parsed: ParsedPlan) -> None:
    """One ``lead-unread`` warning per row whose lead was not read while its neighbours' were."""
    for index in unread_leads(parsed):
        item = parsed.items[index]
        parsed.warn(
            item.line,
            _(
                "Row «%(text)s» has no lead agency while the plan's other rows have one: its "
                "cells may not have been read (a merged cell, a point read as prose). Check it "
                "before storing."
            )
            % {"text": " ".join((item.title or "").split()[:_SHOWN_WORDS])},
            CODE,
        )
