"""Carrying out "this regulation" as the duty an article gives a body (issue 15, round 23)::

    **Điều 15. Trách nhiệm của các cơ quan, đơn vị, địa phương**
    Các cơ quan, đơn vị, địa phương có trách nhiệm thực hiện tốt Quy chế này. …   <- a row

"X chịu trách nhiệm thi hành Quyết định này" closes a decision: the formula, no row
(``vocabulary._EXECUTION_CLAUSE_RE``). Under an article (or a heading) that gives X its duties
("Trách nhiệm của X"), the same words with X as their subject are the duty the article gives:
X's row. Refused (the formula, as before): a sentence whose subject is another body than the
heading's, or no duty heading above.
"""

from __future__ import annotations

from cchc.plans.parsing.vocabulary import _EXECUTION_CLAUSE_RE


def executes_only(rest: str, own_duty: bool) -> bool:
    """Whether ``rest`` (a sentence's words after its subject) only says the subject carries
    out "this document", a closing formula; never under a duty heading naming that subject
    (``own_duty``)."""
    return not own_duty and _EXECUTION_CLAUSE_RE.match(rest.strip()) is not None
