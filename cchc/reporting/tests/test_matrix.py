"""Every role × every action, through the report pages and through the API, allowed and
refused; then the history of a report walked through every step.

The expectations (``EXPECTED``) follow ``cchc.accounts.permissions``: a focal point files for
their own agency only; the secretariat reviews; leaders and administrators read everything;
the head of an agency reads its reports; one person may be both focal point and head. What a
user may not see does not exist for them (404, also when they guess its address: the other
agency's focal point and the user without a role do exactly that here); what they see but may
not do is refused (403); anonymous users are sent to log in (the API answers 401). A refusal
changes nothing: no report, state, version, history row, evidence, contribution or obligation
status.

Each case puts the report in the state its action needs (``STATES``, built with the actions),
then calls the action as the role through one channel, ``web`` or ``api``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cchc.accounts.actions import add_member
from cchc.accounts.models import Role
from cchc.agencies.models import Agency
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import import_seed
from cchc.reporting.actions import (
    approve_report,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.forms import ReportForm
from cchc.reporting.models import (
    Contribution,
    ContributionState,
    Evidence,
    Report,
    ReportState,
    ReportTransition,
)
from cchc.reporting.signoff import set_sign_off
from cchc.reporting.tests.conftest import ON, YEAR
from cchc.scheduling.models import Obligation, ObligationStatus
from cchc.scheduling.obligations import generate_obligations

pytestmark = pytest.mark.django_db

API = "/api/v1"

# -- the people ------------------------------------------------------------------------------

ROLES = (
    "focal",  # focal point of the lead agency (Sở Tư pháp)
    "other_focal",  # focal point of another agency (Sở TT-TT, a coordinating agency)
    "head",  # head of the lead agency
    "both",  # focal point and head of the lead agency at once
    "secretariat",  # Sở Nội vụ
    "leader",  # UBND tỉnh
    "superuser",
    "administrator",  # an administrator membership
    "nobody",  # logged in, no membership
    "anonymous",
)


def _member(username: str, role: str, code: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", None)
    add_member(user=user, agency=Agency.objects.get(code=code), role=role, by=None)
    return User.objects.get(pk=user.pk)


def _both() -> User:
    _member("both-tp", Role.FOCAL_POINT, "bg.so-tu-phap")
    user = User.objects.get(username="both-tp")
    add_member(user=user, agency=Agency.objects.get(code="bg.so-tu-phap"), role=Role.HEAD, by=None)
    return User.objects.get(pk=user.pk)


def _people() -> dict[str, User]:
    return {
        "focal": _member("focal-tp", Role.FOCAL_POINT, "bg.so-tu-phap"),
        "other_focal": _member("focal-tt", Role.FOCAL_POINT, "bg.so-tt-tt"),
        "head": _member("head-tp", Role.HEAD, "bg.so-tu-phap"),
        "both": _both(),
        "secretariat": _member("snv-staff", Role.SECRETARIAT, "bg.so-noi-vu"),
        "leader": _member("leader", Role.LEADER, "bg.ubnd-tinh"),
        "superuser": User.objects.create_superuser("root", "root@example.org", None),
        "administrator": _member("admin-member", Role.ADMINISTRATOR, "bg.ubnd-tinh"),
        "nobody": User.objects.create_user("nobody", "nobody@example.org", None),
    }


def _client(people: dict[str, User], role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    return client


# -- the expectations ------------------------------------------------------------------------

OK = "allowed"
FORBID = 403  # sees it, may not do it
HIDDEN = 404  # may not see it: it does not exist for them
LOGIN = "login"  # anonymous: the web sends to the login page, the API answers 401

Outcome = str | int


def row(*outcomes: Outcome) -> dict[str, Outcome]:
    return dict(zip(ROLES, outcomes, strict=True))


# fmt: off
EXPECTED: dict[str, dict[str, Outcome]] = {
  #                  focal   other   head    both    snv     leader  super   admin   nobody  anon
  "view":        row(OK,     HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN, LOGIN),
  "start":       row(OK,     HIDDEN, FORBID, OK,     FORBID, FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  "save_draft":  row(OK,     HIDDEN, FORBID, OK,     FORBID, FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  "add_evidence":row(OK,     HIDDEN, FORBID, OK,     FORBID, FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  "submit":      row(OK,     HIDDEN, FORBID, OK,     FORBID, FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  "resubmit":    row(OK,     HIDDEN, FORBID, OK,     FORBID, FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  "return":      row(FORBID, HIDDEN, FORBID, FORBID, OK,     FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  "approve":     row(FORBID, HIDDEN, FORBID, FORBID, OK,     FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  "reopen":      row(FORBID, HIDDEN, FORBID, FORBID, OK,     FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  # Bulk approval is the secretariat's page: refused before any report is looked up.
  "bulk_approve":row(FORBID, FORBID, FORBID, FORBID, OK,     FORBID, FORBID, FORBID, FORBID, LOGIN),
  # On the coordinating agency's (Sở TT-TT's) obligation: its focal point writes it.
  "contribution":row(HIDDEN, OK,     HIDDEN, HIDDEN, FORBID, FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  # Where the agency asks for it, its head signs off (or returns) before the secretariat;
  # "both" may, the report being the focal point's (their own they may not: test_separation).
  "sign_off":    row(FORBID, HIDDEN, OK,     OK,     FORBID, FORBID, FORBID, FORBID, HIDDEN, LOGIN),
  "decline_sign_off":
                 row(FORBID, HIDDEN, OK,     OK,     FORBID, FORBID, FORBID, FORBID, HIDDEN, LOGIN),
}
# fmt: on


# -- the report in the state an action needs -------------------------------------------------


@dataclass
class World:
    obligation: Obligation  # the lead's report (Sở Tư pháp), Quý I/2024, past its deadline
    partner: Obligation  # Sở TT-TT's contribution to the same activity and period
    people: dict[str, User]
    report: Report | None = None


# A complete draft: late, so it carries an explanation.
DRAFT: dict[str, Any] = {
    "work_status": "in_progress",
    "percent": 40,
    "narrative": "Đã thẩm định 12 dự thảo.",
    "explanation": "Chờ ý kiến của Bộ Tư pháp.",
}


def _draft(w: World) -> Report:
    focal = w.people["focal"]
    report = start_report(obligation=w.obligation, user=focal)
    return save_draft(report=report, user=focal, expected_version=report.version, **DRAFT)


def _submitted(w: World) -> Report:
    report = _draft(w)
    return submit_report(report=report, user=w.people["focal"], expected_version=report.version)


def _returned(w: World) -> Report:
    return return_report(report=_submitted(w), user=w.people["secretariat"], comment="Bổ sung.")


def _approved(w: World) -> Report:
    return approve_report(report=_submitted(w), user=w.people["secretariat"], comment="Đạt.")


def _awaiting_sign_off(w: World) -> Report:
    set_sign_off(agency=w.obligation.agency, required=True, by=w.people["head"])
    return _submitted(w)


STATES: dict[str, Callable[[World], Report | None]] = {
    "none": lambda w: None,
    "draft": _draft,
    "submitted": _submitted,
    "returned": _returned,
    "approved": _approved,
    "awaiting_sign_off": _awaiting_sign_off,
}


# -- the actions through each channel --------------------------------------------------------


def _page(name: str, obligation: Obligation) -> str:
    return reverse(f"reporting:{name}", args=[obligation.pk])


def _rid(w: World) -> int:
    assert w.report is not None
    return w.report.pk


def _version(w: World) -> int:
    assert w.report is not None
    return w.report.version


def _form(w: World, **changes: object) -> dict[str, object]:
    """What the report form posts: the page's own initial values, with the user's changes."""
    return {**ReportForm.for_report(w.report).initial, **changes}


def _json(client: Client, method: str, path: str, data: object = None) -> Any:
    call = getattr(client, method)
    return call(API + path, json.dumps(data or {}), content_type="application/json")


def _api_view(client: Client, w: World) -> Any:
    obligation = client.get(f"{API}/obligations/{w.obligation.pk}")
    report = client.get(f"{API}/reports/{_rid(w)}")
    assert obligation.status_code == report.status_code
    return report


EVIDENCE = {"description": "Quyết định ban hành", "document_number": "12/QĐ-UBND"}
REVIEW = {
    "return": {"action": "return", "comment": "Bổ sung số liệu quý."},
    "approve": {"action": "approve", "comment": "Đạt."},
    "reopen": {"action": "reopen", "comment": "Sai số liệu."},
}
CONTRIBUTION = "Đã góp ý 3 dự thảo."
SIGN_OFF = {
    "sign": {"action": "sign", "comment": "Đồng ý."},
    "return": {"action": "return", "comment": "Nêu rõ số văn bản."},
}

Call = Callable[[Client, World], Any]

WEB: dict[str, Call] = {
    "view": lambda c, w: c.get(_page("obligation", w.obligation)),
    # The empty form saved as it is: the report is started, nothing else changes.
    "start": lambda c, w: c.post(_page("save", w.obligation), _form(w, save="")),
    "save_draft": lambda c, w: c.post(
        _page("save", w.obligation), _form(w, narrative="Bản nháp mới.", save="")
    ),
    "add_evidence": lambda c, w: c.post(_page("evidence", w.obligation), EVIDENCE),
    "submit": lambda c, w: c.post(_page("save", w.obligation), _form(w, submit="")),
    "resubmit": lambda c, w: c.post(_page("save", w.obligation), _form(w, submit="")),
    "return": lambda c, w: c.post(_page("review_report", w.obligation), REVIEW["return"]),
    "approve": lambda c, w: c.post(_page("review_report", w.obligation), REVIEW["approve"]),
    "reopen": lambda c, w: c.post(_page("review_report", w.obligation), REVIEW["reopen"]),
    "bulk_approve": lambda c, w: c.post(
        reverse("reporting:bulk_approve"), {"reports": [_rid(w)], "comment": "Đạt."}
    ),
    "contribution": lambda c, w: c.post(
        _page("contribution", w.partner), {"text": CONTRIBUTION, "submit": ""}
    ),
    "sign_off": lambda c, w: c.post(
        _page("sign_off_report", w.obligation), {**SIGN_OFF["sign"], "version": _version(w)}
    ),
    "decline_sign_off": lambda c, w: c.post(
        _page("sign_off_report", w.obligation), {**SIGN_OFF["return"], "version": _version(w)}
    ),
}

APIS: dict[str, Call] = {
    "view": _api_view,
    "start": lambda c, w: _json(c, "post", f"/obligations/{w.obligation.pk}/report"),
    "save_draft": lambda c, w: _json(
        c, "patch", f"/reports/{_rid(w)}", {"version": _version(w), "narrative": "Bản nháp mới."}
    ),
    "add_evidence": lambda c, w: c.post(f"{API}/reports/{_rid(w)}/evidence", EVIDENCE),
    "submit": lambda c, w: _json(c, "post", f"/reports/{_rid(w)}/submit", {"version": _version(w)}),
    "resubmit": lambda c, w: _json(
        c, "post", f"/reports/{_rid(w)}/resubmit", {"version": _version(w)}
    ),
    "return": lambda c, w: _json(
        c, "post", f"/reports/{_rid(w)}/return", {"comment": REVIEW["return"]["comment"]}
    ),
    "approve": lambda c, w: _json(
        c, "post", f"/reports/{_rid(w)}/approve", {"comment": REVIEW["approve"]["comment"]}
    ),
    "reopen": lambda c, w: _json(
        c, "post", f"/reports/{_rid(w)}/reopen", {"reason": REVIEW["reopen"]["comment"]}
    ),
    "bulk_approve": lambda c, w: _json(
        c, "post", "/reports/bulk-approve", {"reports": [_rid(w)], "comment": "Đạt."}
    ),
    "contribution": lambda c, w: _json(
        c,
        "post",
        f"/obligations/{w.partner.pk}/contribution",
        {"text": CONTRIBUTION, "submit": True},
    ),
    "sign_off": lambda c, w: _json(
        c,
        "post",
        f"/reports/{_rid(w)}/sign-off",
        {"version": _version(w), "comment": SIGN_OFF["sign"]["comment"]},
    ),
    "decline_sign_off": lambda c, w: _json(
        c,
        "post",
        f"/reports/{_rid(w)}/decline-sign-off",
        {"comment": SIGN_OFF["return"]["comment"]},
    ),
}


# A history row as (from, to, comment, changes).
HistoryRow = tuple[str, str, str, list[str]]


@dataclass(frozen=True)
class Action:
    state: str  # the key in STATES the report is put in first
    # The history row an allowed call adds (from, to, comment, changes); None: no row.
    step: HistoryRow | None
    # What else an allowed call leaves in the database.
    check: Callable[[World], None]
    web_ok: int = 302
    api_ok: int = 200
    on_partner: bool = False  # the action is on the coordinating agency's obligation


def _stored(w: World) -> Report:
    return Report.objects.select_related("obligation").get(obligation=w.obligation)


def _nothing(w: World) -> None:
    pass


def _started(w: World) -> None:
    report = _stored(w)
    assert (report.state, report.version) == (ReportState.DRAFT, 1)


def _saved(w: World) -> None:
    report = _stored(w)
    assert (report.narrative, report.version) == ("Bản nháp mới.", _version(w) + 1)


def _evidence_added(w: World) -> None:
    assert list(Evidence.objects.filter(report_id=_rid(w)).values_list("description", flat=True))
    assert Evidence.objects.get(report_id=_rid(w)).document_number == "12/QĐ-UBND"


def _now_submitted(w: World) -> None:
    report = _stored(w)
    assert report.state == ReportState.SUBMITTED and report.version == _version(w) + 1
    assert report.obligation.status == ObligationStatus.SUBMITTED


def _now_returned(w: World) -> None:
    report = _stored(w)
    assert report.state == ReportState.RETURNED and report.approved_at is None
    assert report.obligation.status == ObligationStatus.LATE  # back on the clock


def _now_approved(w: World) -> None:
    report = _stored(w)
    assert report.state == ReportState.APPROVED and report.approved_at is not None
    assert report.obligation.status == ObligationStatus.APPROVED


def _contributed(w: World) -> None:
    contribution = Contribution.objects.get(obligation=w.partner)
    assert (contribution.state, contribution.text) == (ContributionState.SUBMITTED, CONTRIBUTION)
    assert contribution.author is not None and contribution.author.username == "focal-tt"


RETURN_STEP: HistoryRow = ("submitted", "returned", REVIEW["return"]["comment"], [])
ACTIONS: dict[str, Action] = {
    "view": Action("draft", None, _nothing, web_ok=200),
    "start": Action("none", ("", "draft", "", []), _started, api_ok=201),
    "save_draft": Action("draft", ("draft", "draft", "", ["narrative"]), _saved),
    "add_evidence": Action(
        "draft", ("draft", "draft", "", ["evidence"]), _evidence_added, 302, 201
    ),
    "submit": Action("draft", ("draft", "submitted", "", []), _now_submitted),
    "resubmit": Action("returned", ("returned", "submitted", "", []), _now_submitted),
    "return": Action("submitted", RETURN_STEP, _now_returned),
    "approve": Action("submitted", ("submitted", "approved", "Đạt.", []), _now_approved),
    "reopen": Action("approved", ("approved", "returned", "Sai số liệu.", []), _now_returned),
    "bulk_approve": Action("submitted", ("submitted", "approved", "Đạt.", []), _now_approved),
    "contribution": Action("none", None, _contributed, on_partner=True),
    "sign_off": Action(
        "awaiting_sign_off", ("awaiting_sign_off", "submitted", "Đồng ý.", []), _now_submitted
    ),
    "decline_sign_off": Action(
        "awaiting_sign_off",
        ("awaiting_sign_off", "returned", "Nêu rõ số văn bản.", []),
        _now_returned,
    ),
}
CHANNELS: dict[str, dict[str, Call]] = {"web": WEB, "api": APIS}


def test_the_table_covers_every_action_and_channel() -> None:
    assert set(EXPECTED) == set(ACTIONS) == set(WEB) == set(APIS)
    assert all(set(roles) == set(ROLES) for roles in EXPECTED.values())
    assert {action.state for action in ACTIONS.values()} <= set(STATES)


# -- the matrix ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[tuple[int, int, dict[str, int]]]:
    """The plan, its obligations and the people, built once for the module's few hundred
    cases inside a transaction rolled back at its end; each case runs in a savepoint of it
    (pytest-django's ``db``), so none sees another's changes. Yields their ids."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_registry(path=MINI)
        plan = import_seed()
        generate_obligations(plan=plan, since=YEAR[0], until=YEAR[1], on=ON)
        obligation = Obligation.objects.get(
            activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
        )
        partner = Obligation.objects.get(
            activity=obligation.activity,
            agency__code="bg.so-tt-tt",
            role="partner",
            period_end=obligation.period_end,
        )
        people = {role: user.pk for role, user in _people().items()}
        yield obligation.pk, partner.pk, people
        transaction.set_rollback(True)


@pytest.fixture
def world(db: None, shared: tuple[int, int, dict[str, int]]) -> World:
    obligation_id, partner_id, people = shared
    obligations = Obligation.objects.select_related("agency", "activity").in_bulk(
        [obligation_id, partner_id]
    )
    users = User.objects.in_bulk(people.values())
    return World(
        obligation=obligations[obligation_id],
        partner=obligations[partner_id],
        people={role: users[pk] for role, pk in people.items()},
    )


def snapshot(w: World) -> dict[str, list[Any]]:
    """Everything an action could change."""
    return {
        "reports": list(
            Report.objects.order_by("pk").values_list(
                "pk",
                "state",
                "version",
                "work_status",
                "percent",
                "narrative",
                "explanation",
                "submitted_at",
                "approved_at",
            )
        ),
        "history": list(ReportTransition.objects.order_by("pk").values_list("pk", flat=True)),
        "evidence": list(Evidence.objects.order_by("pk").values_list("pk", flat=True)),
        "contributions": list(
            Contribution.objects.order_by("pk").values_list("pk", "state", "text")
        ),
        "obligations": list(
            Obligation.objects.filter(pk__in=[w.obligation.pk, w.partner.pk])
            .order_by("pk")
            .values_list("pk", "status")
        ),
    }


def _body(response: Any) -> str:
    return response.content.decode() if hasattr(response, "content") else ""


@pytest.mark.parametrize("channel", ["web", "api"])
@pytest.mark.parametrize(
    ("action", "role"), [(action, role) for action in EXPECTED for role in ROLES]
)
def test_role_action(world: World, action: str, role: str, channel: str) -> None:
    spec = ACTIONS[action]
    expected = EXPECTED[action][role]
    world.report = STATES[spec.state](world)
    before = snapshot(world)
    client = _client(world.people, role)

    response = CHANNELS[channel][action](client, world)

    if expected != OK:
        if expected == LOGIN and channel == "web":
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        elif expected == LOGIN:
            assert response.status_code == 401
        else:
            assert response.status_code == expected, _body(response)[:500]
        if expected == HIDDEN:
            # Not even a hint of what is there.
            target = world.partner if spec.on_partner else world.obligation
            assert target.agency.name not in _body(response)
            assert DRAFT["narrative"] not in _body(response)
        assert snapshot(world) == before
        return

    ok = spec.web_ok if channel == "web" else spec.api_ok
    assert response.status_code == ok, _body(response)[:500]
    after = snapshot(world)
    added = ReportTransition.objects.exclude(pk__in=before["history"]).select_related("actor")
    if spec.step is None:
        assert not added.exists()
    else:
        assert [(t.actor, t.from_state, t.to_state, t.comment, t.changes) for t in added] == [
            (world.people[role], *spec.step)
        ]
    if action == "view":
        assert after == before
    spec.check(world)


# -- history completeness --------------------------------------------------------------------


def _refresh(w: World) -> None:
    w.report = Report.objects.filter(obligation=w.obligation).first()


Step = tuple[str, Call, HistoryRow]

WALK: list[Step] = [
    ("focal", APIS["start"], ("", "draft", "", [])),
    (
        "focal",
        lambda c, w: c.post(_page("save", w.obligation), _form(w, **DRAFT, save="")),
        ("draft", "draft", "", ["work_status", "percent", "narrative", "explanation"]),
    ),
    (
        "focal",
        lambda c, w: _json(
            c, "patch", f"/reports/{_rid(w)}", {"version": _version(w), "percent": 50}
        ),
        ("draft", "draft", "", ["percent"]),
    ),
    ("focal", WEB["add_evidence"], ("draft", "draft", "", ["evidence"])),
    ("focal", APIS["submit"], ("draft", "submitted", "", [])),
    ("secretariat", WEB["return"], RETURN_STEP),
    (
        "focal",
        lambda c, w: c.post(_page("save", w.obligation), _form(w, percent=60, save="")),
        ("returned", "returned", "", ["percent"]),
    ),
    ("focal", APIS["resubmit"], ("returned", "submitted", "", [])),
    ("secretariat", APIS["approve"], ("submitted", "approved", "Đạt.", [])),
    ("secretariat", WEB["reopen"], ("approved", "returned", "Sai số liệu.", [])),
    # The form sent again unchanged with "submit": no edit row, one resubmission.
    ("focal", WEB["resubmit"], ("returned", "submitted", "", [])),
    (
        "secretariat",
        lambda c, w: c.post(
            reverse("reporting:bulk_approve"), {"reports": [_rid(w)], "comment": "Đạt lần 2."}
        ),
        ("submitted", "approved", "Đạt lần 2.", []),
    ),
]

_ROW = re.compile(r'<tr data-step="([^"]*)" data-kind="([^"]*)">(.*?)</tr>', re.DOTALL)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _text(cell: str) -> str:
    return html.unescape(_TAG.sub("", cell.replace("<br>", "\n"))).strip()


def page_history(content: str) -> list[tuple[str, str, str, str, str, str]]:
    """The history table of a report page: (to, kind, at, by, from, comment) per row."""
    table = content.split('id="history-table"', 1)[1].split("</table>", 1)[0]
    rows = []
    for to_state, kind, cells in _ROW.findall(table):
        at, by, from_label, _to, comment = (_text(c) for c in _CELL.findall(cells))
        rows.append((to_state, kind, at, by, from_label, comment))
    return rows


def test_the_history_has_one_row_per_step_and_everyone_who_sees_it_sees_the_same(
    world: World,
) -> None:
    clients = {role: _client(world.people, role) for role in ROLES}
    for number, (role, call, (from_state, to_state, comment, changes)) in enumerate(WALK):
        _refresh(world)
        count = ReportTransition.objects.count()
        response = call(clients[role], world)
        assert response.status_code in (200, 201, 302), (number, _body(response)[:500])
        assert ReportTransition.objects.count() == count + 1, f"step {number}"
        last = ReportTransition.objects.select_related("actor").order_by("pk").last()
        assert last.actor == world.people[role], f"step {number}"
        assert (last.from_state, last.to_state, last.comment, last.changes) == (
            from_state,
            to_state,
            comment,
            changes,
        ), f"step {number}"

    _refresh(world)
    assert world.report is not None and world.report.state == ReportState.APPROVED
    history = list(world.report.history.select_related("actor").order_by("pk"))
    assert len(history) == len(WALK)
    moments = [t.at for t in history]
    assert all(moments) and moments == sorted(moments)

    # What the API shows, as the table shows it; the table in Vietnamese, the UI's default.
    expected_api = [
        {
            "actor": t.actor.username if t.actor else "",
            "from_state": t.from_state,
            "to_state": t.to_state,
            "comment": t.comment,
            "changes": t.changes,
        }
        for t in history
    ]
    with translation.override("vi"):
        expected_page = [
            (
                t.to_state,
                "step" if t.is_step else "edit",
                timezone.localtime(t.at).strftime("%d/%m/%Y %H:%M"),
                t.actor.username if t.actor else "—",
                str(ReportState(t.from_state).label) if t.from_state else "—",
                t.comment,
            )
            for t in history
        ]
    for role in ROLES:
        page = clients[role].get(_page("obligation", world.obligation))
        api = clients[role].get(f"{API}/reports/{world.report.pk}")
        if EXPECTED["view"][role] != OK:
            assert (page.status_code, api.status_code) in [(404, 404), (302, 401)], role
            continue
        assert page.status_code == 200 and api.status_code == 200, role
        assert page_history(page.content.decode()) == expected_page, role
        body = api.json()["history"]
        assert [{k: h[k] for k in expected_api[0]} for h in body] == expected_api, role
        # The API gives the time to the millisecond.
        assert [dt.datetime.fromisoformat(h["at"]) for h in body] == [
            m.replace(microsecond=m.microsecond // 1000 * 1000) for m in moments
        ], role
