"""The lead's and the partners' cells printed on one line in a table whose bodies' columns
come before the timeframe (issue 15, branch left22)::

    9 Hoàn thiện khung pháp lý về quản lý chợ truyền thống
    Bộ Công Thương Các bộ, ngành, các
    tỉnh, thành phố
    2026 - 2030

``gluedcells.py`` cuts such a line in the tables that print the timeframe first and the bodies
after it; the tables printing the task, the lead, the partners, then the timeframe (and maybe
columns after it) glue the two cells the same way: the lead's short name, one space, the
partners' cell opening with its capitalised plural. The same cut ("… Công Thương" / "Các bộ,
…") is made in those tables' middle cells when they are the bodies' columns only (a result's
or another column's text may use a capitalised "Các" after its own words, so it is not cut).
"""

from __future__ import annotations

from cchc.plans.parsing.gluedcells import split_glued_bodies

_BODIES = ("lead", "partners")


def split_bodies_before_timeframe(texts: list[str], middle: list[str]) -> list[str]:
    """The lines of a row's middle cells, a line gluing the lead's name to the partners'
    opening plural cut in two when the middle columns are the lead and the partners only."""
    if not middle or any(key not in _BODIES for key in middle) or "lead" not in middle:
        return texts
    return split_glued_bodies(texts)
