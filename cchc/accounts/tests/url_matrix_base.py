"""The people, outcomes and request helpers of the access matrix (``test_url_matrix``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse

from cchc.agencies.models import Agency
from cchc.notifications.models import Notification
from cchc.plans.models import Node, Plan
from cchc.reporting.models import Evidence, Report
from cchc.scheduling.models import Obligation

# -- the people ------------------------------------------------------------------------------

ROLES = (
    "anonymous",
    "focal_a",  # focal point of agency A (Sở Tư pháp)
    "focal_b",  # focal point of agency B (another agency leading a report of the period)
    "head_a",  # head of A
    "both_a",  # focal point and head of A at once
    "secretariat",  # Sở Nội vụ
    "leader",  # UBND tỉnh
    "admin",  # the administrator role (the installation's superuser)
    "nobody",  # logged in, no membership
)

OK = "ok"
LOGIN = "login"
FORBID = 403
HIDDEN = 404
MINE = "mine"
STAFF = "staff"
Outcome = str | int

SEES_ALL = ("secretariat", "leader", "admin")
OF_A = ("focal_a", "head_a", "both_a")


def expect(rest: Outcome, **roles: Outcome) -> dict[str, Outcome]:
    """``rest`` for every logged-in user, ``LOGIN`` for anonymous, unless named."""
    table: dict[str, Outcome] = dict.fromkeys(ROLES, rest)
    table["anonymous"] = LOGIN
    for role, outcome in roles.items():
        assert role in table, role
        table[role] = outcome
    return table


def only(*allowed: str, rest: Outcome = FORBID, **roles: Outcome) -> dict[str, Outcome]:
    return expect(rest, **dict.fromkeys(allowed, OK), **roles)


EVERYONE = expect(OK)
# An agency's work: its members and those who see everything read it; it does not exist for
# anyone else.
WORK_OF_A = only(*OF_A, *SEES_ALL, rest=HIDDEN)
WORK_OF_B = only("focal_b", *SEES_ALL, rest=HIDDEN)
# Writing A's report: its focal points; others who see it are refused, the rest see nothing.
FILE_A = only("focal_a", "both_a", rest=FORBID, focal_b=HIDDEN, nobody=HIDDEN)
REVIEW_A = only("secretariat", rest=FORBID, focal_b=HIDDEN, nobody=HIDDEN)
SIGN_OFF_A = only("head_a", "both_a", rest=FORBID, focal_b=HIDDEN, nobody=HIDDEN)


# -- the world -------------------------------------------------------------------------------


@dataclass
class World:
    plan: Plan
    activity: Node
    a: Agency
    b: Agency
    obligation_a: Obligation
    obligation_b: Obligation
    partner_a: Obligation
    report_a: Report
    report_b: Report
    evidence_a: Evidence
    evidence_b: Evidence
    people: dict[str, User] = field(default_factory=dict)


# -- the rules -------------------------------------------------------------------------------

Target = Callable[[World], tuple[str, Any]]  # the URL and the body


@dataclass(frozen=True)
class Case:
    method: str
    target: Target
    expected: dict[str, Outcome]
    label: str = ""
    json: bool = False  # the body as JSON (the API)


def get(target: Callable[[World], str], expected: dict[str, Outcome], label: str = "") -> Case:
    return Case("get", lambda w: (target(w), None), expected, label)


def post(
    target: Callable[[World], str],
    expected: dict[str, Outcome],
    data: Callable[[World], Any] = lambda w: {},
    label: str = "",
) -> Case:
    return Case("post", lambda w: (target(w), data(w)), expected, label)


def url(name: str, *args: Callable[[World], Any]) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[arg(w) for arg in args])


PLAN: Callable[[World], Any] = lambda w: w.plan.pk  # noqa: E731
A: Callable[[World], Any] = lambda w: w.a.pk  # noqa: E731
B: Callable[[World], Any] = lambda w: w.b.pk  # noqa: E731
OB_A: Callable[[World], Any] = lambda w: w.obligation_a.pk  # noqa: E731
OB_B: Callable[[World], Any] = lambda w: w.obligation_b.pk  # noqa: E731
EV_A: Callable[[World], Any] = lambda w: w.evidence_a.pk  # noqa: E731
EV_B: Callable[[World], Any] = lambda w: w.evidence_b.pk  # noqa: E731


def _note_a(w: World) -> int:
    """Focal point A's notification (made by the matrix's world)."""
    note = Notification.objects.filter(recipient=w.people["focal_a"]).order_by("pk").first()
    assert note is not None
    return note.pk


NOTE_A: Callable[[World], Any] = _note_a

SECRETARIAT_OR_ADMIN = only("secretariat", "admin")
DUE = expect(MINE, secretariat=OK, leader=OK, admin=OK, nobody=FORBID)
