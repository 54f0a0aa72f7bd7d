"""A letter's point that frames its request (issue 15, held-out round 18)::

    … đề nghị Ủy ban nhân dân các tỉnh … thực hiện một số nội dung sau đây:
    1. Đối với các địa phương chưa lập Đề án thì khẩn trương chỉ đạo … lập, phê duyệt Đề án …
    2. Theo công văn số N của Bộ Y …, thì nguồn kinh phí … mới được tạm ứng 50%. Vì vậy, đề
       nghị các địa phương ưu tiên thực hiện hỗ trợ kinh phí đối với …

A point read as a row may open with a SCOPING clause, "Đối với <whom> thì <task>": the row's
text is the task after "thì", the scope goes to its notes. Or it may tell the BACKGROUND in a
sentence of its own before the request: "<background>. Vì vậy, đề nghị <bodies> <task>": the
row's text is the task asked, after the bodies named by their kind ("các địa phương", "các
đơn vị", a ministry's whole name), the background goes to its notes. Refused (the row kept
as read): a scope not followed by "thì" and a task's verb, a later sentence that is not a
request ("đề nghị", "yêu cầu") or whose bodies are not named so, a request in the first
sentence.
"""

from __future__ import annotations

import re

from cchc.plans.parsing.agencies import known_body
from cchc.plans.parsing.result import ParsedPlan
from cchc.plans.parsing.vocabulary import _VERBS

# "Đối với các địa phương chưa lập Đề án thì khẩn trương …": the scope, then the task.
_SCOPE_RE = re.compile(r"^Đối với\s+(?P<scope>[^;.]{3,160}?),?\s+thì\s+(?P<task>\S.*)$", re.S)
# "<background>. Vì vậy, đề nghị <bodies> <task>": the request after a sentence of its own.
_REQUEST_RE = re.compile(
    r"^(?P<background>.{20,}?[.])\s+(?:(?:Vì vậy|Vì thế|Do đó|Do vậy|Bởi vậy|Theo đó)\s*,\s*)?"
    r"(?:đề nghị|Đề nghị|yêu cầu|Yêu cầu)\s+(?P<request>\S.*)$",
    re.S,
)
# The bodies a letter asks named by their kind: "các địa phương", "các bộ, ngành".
_KIND_BODIES_RE = re.compile(
    r"^(?:các|những)\s+(?:địa phương|đơn vị|cơ quan(?:,\s*đơn vị)?|bộ,\s*ngành(?:,\s*địa phương)?"
    r"|sở,\s*ngành(?:,\s*địa phương)?|tỉnh,\s*thành phố(?: trực thuộc Trung ương)?)\s+",
    re.I,
)
_ASKS_RE = re.compile(r"\b(?:đề nghị|yêu cầu)\b", re.I)


def _is_task(text: str) -> bool:
    return re.match(rf"(?:{_VERBS})\b", text[:1].lower() + text[1:]) is not None


def _asked_task(request: str) -> str | None:
    """The task of "<bodies> <task>" after "đề nghị"; None when the bodies are not named by
    their kind or a ministry's whole name."""
    kind = _KIND_BODIES_RE.match(request)
    if kind is not None:
        return request[kind.end() :]
    named = known_body(request)
    if named and request.startswith(named):
        return request[len(named) :].strip()
    return None


def framed_request(title: str) -> tuple[str, str] | None:
    """(the task, the scope or background for the notes) of a point's text opening with a
    scoping clause or a background sentence before its request; None for any other text."""
    scope = _SCOPE_RE.match(title)
    if scope is not None and _is_task(scope.group("task")):
        return scope.group("task"), f"Đối với {scope.group('scope')}"
    found = _REQUEST_RE.match(title)
    if found is None or _ASKS_RE.search(found.group("background")):
        return None
    task = _asked_task(found.group("request"))
    if not task:
        return None
    return task, found.group("background").rstrip(" .")


def unframe_requests(parsed: ParsedPlan) -> None:
    """The rows of ``parsed`` whose text frames its request: the task as their title, the
    frame in their notes."""
    for item in parsed.items:
        framed = framed_request(item.title or "")
        if framed is None:
            continue
        task, frame = framed
        item.title = task[:1].upper() + task[1:]
        item.notes = "; ".join(filter(None, [frame, item.notes]))
