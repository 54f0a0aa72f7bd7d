"""Every URL of the installation × every kind of user: who may see and do what, proven.

The test walks the URL configuration (``cchc.urls``: the pages, the admin, i18n, the login)
and the API's OpenAPI schema, and asks ``RULES`` (pages, API operations), ``ADMIN_SITE`` and
``ADMIN_MODELS`` (the admin) for each. A URL or API operation without a rule fails the suite:
whoever adds an endpoint decides here who may use it. Each rule calls the endpoint as each
person below, with every method it accepts, on objects of agency A and of agency B, and
compares the outcome:

- ``OK``: allowed (the view did its work or answered about the input: 2xx, 3xx, 400, 409, 422);
- ``LOGIN``: anonymous, sent to log in (the API: 401);
- ``FORBID``: 403, a page or step of a role the user lacks;
- ``HIDDEN``: 404, another agency's object (it does not exist for them);
- ``MINE``: sent to their own agency's page instead (the province-wide "Reports due");
- ``STAFF``: the admin site let them in (the administrator; the admin's own per-model rules
  answer further, 403 where nobody may delete).

Every call runs in a savepoint rolled back after it, so the cases do not see each other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cchc.accounts.models import Role
from cchc.accounts.tests.url_matrix_api import API
from cchc.accounts.tests.url_matrix_base import (
    DUE,
    EV_A,
    EV_B,
    EVERYONE,
    FILE_A,
    FORBID,
    HIDDEN,
    LOGIN,
    MINE,
    NOTE_A,
    OB_A,
    OB_B,
    OK,
    PLAN,
    REVIEW_A,
    ROLES,
    SECRETARIAT_OR_ADMIN,
    SEES_ALL,
    SIGN_OFF_A,
    STAFF,
    WORK_OF_A,
    WORK_OF_B,
    A,
    B,
    Case,
    Outcome,
    World,
    expect,
    get,
    only,
    post,
    url,
)
from cchc.accounts.tests.url_matrix_outputs import OUTPUT_PAGES
from cchc.agencies.models import Agency
from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.api.api import api
from cchc.conftest import import_seed, member
from cchc.notifications.actions import notify
from cchc.notifications.models import NotificationKind
from cchc.plans.models import Node, NodeKind, Plan
from cchc.reporting.actions import save_draft, start_report
from cchc.reporting.models import Evidence, Report
from cchc.reporting.tests.conftest import ON, YEAR
from cchc.reporting.views import common as reporting_common
from cchc.scheduling.models import CalendarDay, Obligation
from cchc.scheduling.obligations import generate_obligations
from cchc.scheduling.views import common as scheduling_common

pytestmark = pytest.mark.django_db


def _evidence(report: Report, name: str) -> Evidence:
    return Evidence.objects.create(
        report=report,
        description="Quyết định ban hành",
        file=f"evidence/{name}",
        original_name=name,
        size=len(name),
        content_type="text/plain",
    )


@pytest.fixture(scope="module")
def shared(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The plan, its obligations, reports, evidence and people, built once for the module
    inside a transaction rolled back at its end. Yields their ids."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_registry(path=MINI)
        plan = import_seed()
        generate_obligations(plan=plan, since=YEAR[0], until=YEAR[1], on=ON)
        obligation_a = Obligation.objects.get(
            activity__plan=plan, activity__number="2", role="lead", period_label="Quý I/2024"
        )
        a = obligation_a.agency
        obligation_b = (
            Obligation.objects.filter(activity__plan=plan, role="lead", period_label="Quý I/2024")
            .exclude(agency=a)
            .exclude(agency__code__endswith="so-noi-vu")
            .order_by("pk")
            .first()
        )
        assert obligation_b is not None
        b = obligation_b.agency
        partner_a = Obligation.objects.filter(agency=a, role="partner").order_by("pk").first()
        assert partner_a is not None
        people = {
            "focal_a": member("focal-a", Role.FOCAL_POINT, a),
            "focal_b": member("focal-b", Role.FOCAL_POINT, b),
            "head_a": member("head-a", Role.HEAD, a),
            "secretariat": member("snv", Role.SECRETARIAT, Agency.objects.get(code="bg.so-noi-vu")),
            "leader": member("leader", Role.LEADER, Agency.objects.get(code="bg.ubnd-tinh")),
            "admin": member("it", Role.ADMINISTRATOR, Agency.objects.get(code="bg.ubnd-tinh")),
            "nobody": User.objects.create_user("nobody"),
        }
        member("both-a", Role.FOCAL_POINT, a)
        people["both_a"] = member("both-a", Role.HEAD, a)
        reports = []
        for obligation, focal in ((obligation_a, "focal_a"), (obligation_b, "focal_b")):
            report = start_report(obligation=obligation, user=people[focal])
            reports.append(
                save_draft(
                    report=report, user=people[focal], expected_version=report.version, percent=10
                )
            )
        notify(
            recipients=[people["focal_a"].pk],
            kind=NotificationKind.RETURNED,
            url=reverse("reporting:obligation", args=[obligation_a.pk]),
            text="Báo cáo bị trả lại",
            report=reports[0],
        )
        ids = {
            "plan": plan.pk,
            "activity": Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).first().pk,
            "a": a.pk,
            "b": b.pk,
            "obligation_a": obligation_a.pk,
            "obligation_b": obligation_b.pk,
            "partner_a": partner_a.pk,
            "report_a": reports[0].pk,
            "report_b": reports[1].pk,
            "evidence_a": _evidence(reports[0], "matrix-a.txt").pk,
            "evidence_b": _evidence(reports[1], "matrix-b.txt").pk,
            "people": {role: user.pk for role, user in people.items()},
        }
        yield ids
        transaction.set_rollback(True)


@pytest.fixture
def world(db: None, shared: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> World:
    ids = dict(shared)
    people = User.objects.in_bulk(ids.pop("people").values())
    by_role = {role: people[pk] for role, pk in shared["people"].items()}
    w = World(
        plan=Plan.objects.get(pk=ids["plan"]),
        activity=Node.objects.get(pk=ids["activity"]),
        a=Agency.objects.get(pk=ids["a"]),
        b=Agency.objects.get(pk=ids["b"]),
        obligation_a=Obligation.objects.get(pk=ids["obligation_a"]),
        obligation_b=Obligation.objects.get(pk=ids["obligation_b"]),
        partner_a=Obligation.objects.get(pk=ids["partner_a"]),
        report_a=Report.objects.get(pk=ids["report_a"]),
        report_b=Report.objects.get(pk=ids["report_b"]),
        evidence_a=Evidence.objects.get(pk=ids["evidence_a"]),
        evidence_b=Evidence.objects.get(pk=ids["evidence_b"]),
        people=by_role,
    )
    # The pages work on the world's day (the reminders due on it, the periods around it).
    monkeypatch.setattr(scheduling_common, "today", lambda: ON)
    monkeypatch.setattr(reporting_common, "today", lambda: ON)
    # The files live under the test's own DATA_DIR.
    for evidence in (w.evidence_a, w.evidence_b):
        path = Path(settings.DATA_DIR) / "files" / str(evidence.file.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"matrix")
    return w


# The pages: every named URL (and the unnamed root) of cchc.urls outside the admin and API.
def _unverified_day() -> int:
    """A calendar entry waiting to be confirmed (the announced calendar may be flushed)."""
    row, _created = CalendarDay.objects.get_or_create(
        date="2026-05-04", defaults={"kind": "day_off", "name": "Nghỉ (kiểm thử)"}
    )
    return row.pk


PAGES: dict[str, list[Case]] = {
    "home": [get(lambda w: "/", EVERYONE)],
    "notifications:inbox": [get(url("notifications:inbox"), EVERYONE)],
    # Focal point A's notification: nobody else's (it does not exist for them).
    "notifications:open": [get(url("notifications:open", NOTE_A), expect(HIDDEN, focal_a=OK))],
    "notifications:read_all": [post(url("notifications:read_all"), EVERYONE)],
    "login": [
        get(url("login"), expect(OK, anonymous=OK)),
        post(url("login"), expect(OK, anonymous=OK)),
    ],
    "logout": [post(url("logout"), expect(OK, anonymous=OK))],
    "set_language": [
        post(url("set_language"), expect(OK, anonymous=OK), lambda w: {"language": "en"})
    ],
    "plans:plan_list": [get(url("plans:plan_list"), EVERYONE)],
    "plans:import_upload": [
        get(url("plans:import_upload"), SECRETARIAT_OR_ADMIN),
        post(url("plans:import_upload"), SECRETARIAT_OR_ADMIN),
    ],
    "plans:import_confirm": [post(url("plans:import_confirm"), SECRETARIAT_OR_ADMIN)],
    "plans:plan_detail": [get(url("plans:plan_detail", PLAN), EVERYONE)],
    "plans:import_history": [get(url("plans:import_history", PLAN), only(*SEES_ALL))],
    "plans:plan_export": [get(url("plans:plan_export", PLAN), EVERYONE)],
    "plans:node_detail": [
        get(url("plans:node_detail", PLAN, lambda w: w.activity.pk), EVERYONE),
        get(url("plans:node_detail", PLAN, lambda w: w.obligation_b.activity_id), EVERYONE),
    ],
    "plans:node_children": [
        get(url("plans:node_children", PLAN, lambda w: w.activity.parent_id), EVERYONE),
    ],
    "agencies:agency_list": [get(url("agencies:agency_list"), EVERYONE)],
    "agencies:group_list": [get(url("agencies:group_list"), EVERYONE)],
    "agencies:agency_detail": [
        get(url("agencies:agency_detail", A), EVERYONE, "A"),
        get(url("agencies:agency_detail", B), EVERYONE, "B"),
    ],
    "agencies:mapping": [
        get(url("agencies:mapping"), SECRETARIAT_OR_ADMIN),
        post(url("agencies:mapping"), SECRETARIAT_OR_ADMIN),
    ],
    "agencies:agency_succession": [
        post(url("agencies:agency_succession", A), SECRETARIAT_OR_ADMIN)
    ],
    "agencies:agency_transfer": [
        post(
            url("agencies:agency_transfer", A), SECRETARIAT_OR_ADMIN, lambda w: {"plan": w.plan.pk}
        )
    ],
    "scheduling:due": [get(url("scheduling:due"), DUE)],
    "scheduling:agency_due": [
        get(url("scheduling:agency_due", A), WORK_OF_A, "A"),
        get(url("scheduling:agency_due", B), WORK_OF_B, "B"),
    ],
    "scheduling:generate": [
        post(
            url("scheduling:generate"),
            SECRETARIAT_OR_ADMIN,
            lambda w: {"plan": w.plan.pk, "since": "2024-01-01", "until": "2024-03-31"},
        )
    ],
    "scheduling:remind": [post(url("scheduling:remind"), SECRETARIAT_OR_ADMIN)],
    "scheduling:plan_timeline": [get(url("scheduling:plan_timeline", PLAN), EVERYONE)],
    "scheduling:deadlines": [
        get(url("scheduling:deadlines"), only(*SEES_ALL)),
        post(
            url("scheduling:deadlines"),
            SECRETARIAT_OR_ADMIN,
            lambda w: {
                "audience": "province",
                "method": "day_of_last_month",
                "day": "20",
                "valid_from": "2019-03-12",
            },
        ),
    ],
    "scheduling:calendar": [
        get(url("scheduling:calendar"), only(*SEES_ALL)),
        post(
            url("scheduling:calendar"),
            SECRETARIAT_OR_ADMIN,
            lambda w: {
                "date": "2026-05-04",
                "kind": "day_off",
                "name": "Nghỉ",
                "scope": "province",
            },
        ),
    ],
    "reporting:mine": [get(url("reporting:mine"), EVERYONE)],
    "reporting:review": [get(url("reporting:review"), only("secretariat"))],
    "reporting:bulk_approve": [
        post(
            url("reporting:bulk_approve"),
            only("secretariat"),
            lambda w: {"reports": [w.report_a.pk, w.report_b.pk], "comment": ""},
        )
    ],
    "reporting:grid": [get(url("reporting:grid"), only(*SEES_ALL))],
    "reporting:grid_remind": [
        post(
            url("reporting:grid_remind"),
            only("secretariat"),
            lambda w: {"year": "2024", "period": "quarter-1", "agencies": [w.a.pk]},
        )
    ],
    "reporting:obligation": [
        get(url("reporting:obligation", OB_A), WORK_OF_A, "A"),
        get(url("reporting:obligation", OB_B), WORK_OF_B, "B"),
    ],
    "reporting:save": [
        post(
            url("reporting:save", OB_A),
            FILE_A,
            lambda w: {"version": w.report_a.version, "percent": 20, "save": ""},
        ),
        post(
            url("reporting:save", OB_B),
            only("focal_b", rest=HIDDEN, secretariat=FORBID, leader=FORBID, admin=FORBID),
            lambda w: {"version": w.report_b.version, "percent": 20, "save": ""},
            "B",
        ),
    ],
    "reporting:evidence": [
        post(url("reporting:evidence", OB_A), FILE_A, lambda w: {"description": "Văn bản"})
    ],
    "reporting:review_report": [
        post(
            url("reporting:review_report", OB_A),
            REVIEW_A,
            lambda w: {"action": "approve", "comment": ""},
        )
    ],
    "reporting:contribution": [
        post(
            url("reporting:contribution", lambda w: w.partner_a.pk),
            FILE_A,
            lambda w: {"text": "Góp ý."},
        )
    ],
    "reporting:sign_off_report": [
        post(
            url("reporting:sign_off_report", OB_A),
            SIGN_OFF_A,
            lambda w: {"action": "sign", "version": w.report_a.version, "comment": ""},
        )
    ],
    "reporting:sign_off": [get(url("reporting:sign_off"), only("head_a", "both_a", *SEES_ALL))],
    "reporting:progress_export": [get(url("reporting:progress_export", PLAN), EVERYONE)],
    "reporting:sign_off_setting": [
        post(
            url("reporting:sign_off_setting"),
            only("head_a", "both_a", "secretariat"),
            lambda w: {"agency": w.a.pk, "required": "on", "reason": ""},
        )
    ],
    "reporting:evidence_file": [
        get(url("reporting:evidence_file", EV_A), WORK_OF_A, "A"),
        get(url("reporting:evidence_file", EV_B), WORK_OF_B, "B"),
    ],
    "reporting:evidence_remove": [post(url("reporting:evidence_remove", EV_A), FILE_A)],
    "reporting:withdraw": [
        post(url("reporting:withdraw", OB_A), FILE_A, lambda w: {"version": w.report_a.version})
    ],
    "agencies:unverified": [get(url("agencies:unverified"), EVERYONE)],
    "agencies:confirm_unverified": [
        post(
            lambda w: reverse(
                "agencies:confirm_unverified",
                args=["day", _unverified_day()],
            ),
            SECRETARIAT_OR_ADMIN,
            lambda w: {
                "basis_number": "1/TB-BNV",
                "basis_date": "2025-11-01",
                "basis_issuer": "Bộ Nội vụ",
            },
        )
    ],
    "agencies:contacts": [
        get(url("agencies:contacts", A), SECRETARIAT_OR_ADMIN),
        post(url("agencies:contacts", A), SECRETARIAT_OR_ADMIN),
    ],
    # Checked before the contact is looked up: a contact that does not exist is a 404 only
    # to those who may edit contacts at all.
    "agencies:contact_active": [
        post(
            lambda w: reverse("agencies:contact_active", args=[w.a.pk, 0]),
            expect(FORBID, secretariat=HIDDEN, admin=HIDDEN),
        )
    ],
    "indicators:list": [get(url("indicators:list"), EVERYONE)],
    "indicators:detail": [
        get(url("indicators:detail", lambda w: "tthc.dossiers_online"), EVERYONE)
    ],
    "indicators:template_csv": [
        get(url("indicators:template_csv", lambda w: "tthc.dossiers_online"), EVERYONE)
    ],
    "indicators:template_xlsx": [
        get(url("indicators:template_xlsx", lambda w: "tthc.dossiers_online"), EVERYONE)
    ],
    "indicators:review": [get(url("indicators:review"), only("secretariat"))],
    "indicators:behind": [get(url("indicators:behind"), only(*SEES_ALL))],
    "indicators:import": [
        get(url("indicators:import"), only("secretariat")),
        post(url("indicators:import"), only("secretariat")),
    ],
    # Checked before the target is looked up: one that does not exist is a 404 only to the
    # secretariat, who decides on targets.
    **{
        f"indicators:target_{step}": [
            post(url(f"indicators:target_{step}", lambda w: 0), expect(FORBID, secretariat=HIDDEN))
        ]
        for step in ("confirm", "edit", "reject")
    },
    "account": [get(url("account"), EVERYONE)],
    "two_factor_setup": [get(url("two_factor_setup"), EVERYONE)],
    # The code step follows a password: without one pending, everyone is sent to log in.
    "two_factor_login": [get(url("two_factor_login"), expect(LOGIN))],
    "password_change": [get(url("password_change"), EVERYONE)],
    "password_change_done": [get(url("password_change_done"), EVERYONE)],
    "password_reset": [get(url("password_reset"), expect(OK, anonymous=OK))],
    "password_reset_done": [get(url("password_reset_done"), expect(OK, anonymous=OK))],
    "password_reset_confirm": [
        get(
            lambda w: reverse("password_reset_confirm", args=["MQ", "set-password"]),
            expect(OK, anonymous=OK),
        )
    ],
    "password_reset_complete": [get(url("password_reset_complete"), expect(OK, anonymous=OK))],
    # The admin logs in through the product's login (a redirect for everyone).
    "admin/login/": [get(lambda w: "/admin/login/", expect(LOGIN))],
    # What no API operation answers: a JSON 404 for everyone.
    "^api/v1/(?P<rest>[\\s\\S]*)$": [
        get(lambda w: "/api/v1/no-such-operation", expect(HIDDEN, anonymous=HIDDEN))
    ],
    "api-v1:openapi-json": [get(url("api-v1:openapi-json"), EVERYONE)],
    "api-v1:openapi-view": [get(url("api-v1:openapi-view"), EVERYONE)],
    "api-v1:api-root": [get(url("api-v1:api-root"), expect(HIDDEN, anonymous=HIDDEN))],
    **OUTPUT_PAGES,
}


ADMIN_ONLY = expect(LOGIN, admin=STAFF)
# A user's authenticator key and its QR code: not even the administrator reads them
# (OTP_ADMIN_HIDE_SENSITIVE_DATA); resetting a user's devices is enough.
NO_ONE = expect(LOGIN, admin=FORBID)
ADMIN_SITE: dict[str, list[Case]] = {
    "admin:index": [get(url("admin:index"), ADMIN_ONLY)],
    "admin:login": [get(url("admin:login"), expect(LOGIN))],
    "admin:logout": [post(url("admin:logout"), expect(OK, anonymous=OK))],
    "admin:password_change": [get(url("admin:password_change"), ADMIN_ONLY)],
    "admin:password_change_done": [get(url("admin:password_change_done"), ADMIN_ONLY)],
    "admin:autocomplete": [get(url("admin:autocomplete"), expect(LOGIN, admin=STAFF))],
    "admin:jsi18n": [get(url("admin:jsi18n"), ADMIN_ONLY)],
    # Django's "view on site" shortcut: a redirect to the object's page, which asks again.
    "admin:view_on_site": [
        get(
            lambda w: reverse("admin:view_on_site", args=[_content_type(Agency), w.a.pk]),
            ADMIN_ONLY,
        )
    ],
    # Django's catch-all: unknown admin addresses (404 to staff, the login to others).
    "admin/(?P<url>.*)$": [get(lambda w: "/admin/no-such-page/", expect(LOGIN, admin=HIDDEN))],
    "admin:app_list": [get(lambda w: reverse("admin:app_list", args=["plans"]), ADMIN_ONLY)],
    "admin:otp_totp_totpdevice_config": [
        get(lambda w: reverse("admin:otp_totp_totpdevice_config", args=[0]), NO_ONE)
    ],
    "admin:otp_totp_totpdevice_qrcode": [
        get(lambda w: reverse("admin:otp_totp_totpdevice_qrcode", args=[0]), NO_ONE)
    ],
    "admin:auth_user_password_change": [
        get(
            lambda w: reverse("admin:auth_user_password_change", args=[w.people["focal_a"].pk]),
            ADMIN_ONLY,
        )
    ],
}

# Every model registered in the admin, and so its list, add, change, history and delete
# pages: a new registration is a decision about who sees it; add it here.
ADMIN_MODELS = {
    "auth.group",
    "auth.user",
    "plans.plan",
    "plans.node",
    "plans.nodecorrection",
    "plans.planimport",
    "agencies.agency",
    "agencies.succession",
    "agencies.agencygroup",
    "agencies.assignment",
    "scheduling.periodrule",
    "scheduling.calendarday",
    "scheduling.calendardaychange",
    "scheduling.deadlinerule",
    "accounts.membership",
    "accounts.securityevent",
    "agencies.contact",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "otp_static.staticdevice",
    "otp_totp.totpdevice",
    "reporting.submissionrule",
    "scheduling.generationrun",
    "reporting.report",
    "reporting.reporttransition",
    "reporting.contribution",
    "notifications.notification",
    "indicators.indicator",
    "indicators.target",
    "indicators.measurement",
    "core.task",
    "dossiers.ingesttoken",
    "dossiers.ingestrun",
}
ADMIN_ACTIONS = ("changelist", "add", "history", "delete", "change")


def _content_type(model: Any) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def _admin_cases(label: str) -> dict[str, list[Case]]:
    app, model_name = label.split(".")
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)

    def first(w: World) -> str:
        obj = model._default_manager.order_by("pk").first()
        return str(obj.pk) if obj is not None else "0"

    def none(w: World) -> str:
        # Deleting: the confirmation of a real plan lists its whole tree (seconds); the
        # access rule is the same for an object that does not exist.
        return "0"

    cases: dict[str, list[Case]] = {}
    for action in ADMIN_ACTIONS:
        name = f"admin:{app}_{model_name}_{action}"
        if action in ("changelist", "add"):
            target = url(name)
        else:
            pick = none if action == "delete" else first
            target = (lambda n, p: lambda w: reverse(n, args=[p(w)]))(name, pick)
        cases[name] = [get(target, ADMIN_ONLY)]
        if action in ("add", "change", "delete"):
            cases[name].append(post(target, ADMIN_ONLY))
    cases[f"admin/{app}/{model_name}/<path:object_id>/"] = [
        get(lambda w: f"/admin/{app}/{model_name}/{first(w)}/", ADMIN_ONLY)
    ]
    return cases


def admin_rules() -> dict[str, list[Case]]:
    rules = dict(ADMIN_SITE)
    for label in sorted(ADMIN_MODELS):
        rules.update(_admin_cases(label))
    return rules


# -- the walk --------------------------------------------------------------------------------


def url_names() -> set[str]:
    """Every URL of the installation: its namespaced name, or its route where it has none."""
    names: set[str] = set()

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    names.add(namespace + pattern.name)
                else:
                    names.add(prefix + str(pattern.pattern) or "/")

    walk(get_resolver().url_patterns, "", "")
    return names


def api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method in methods
    }


def _api_url_names() -> set[str]:
    """The API's URL names: its operations are checked through the schema instead."""
    return {name for name in url_names() if name.startswith("api-v1:")} - set(PAGES)


def all_rules() -> dict[str, list[Case]]:
    return {**PAGES, **API, **admin_rules()}


def test_every_url_and_api_operation_has_a_rule() -> None:
    rules = all_rules()
    registered = {m._meta.label_lower for m in admin.site._registry}
    unlisted_models = registered - ADMIN_MODELS
    assert not unlisted_models, (
        f"Admin models without a rule: {sorted(unlisted_models)}. Decide who may use them and "
        "add them to ADMIN_MODELS in cchc/accounts/tests/test_url_matrix.py."
    )
    assert not ADMIN_MODELS - registered, f"Stale admin rules: {sorted(ADMIN_MODELS - registered)}"
    names = url_names() - _api_url_names()
    unlisted = sorted(names - set(rules))
    assert not unlisted, (
        f"URLs without an access rule: {unlisted}. Add each, with who may use it, to PAGES (or "
        "ADMIN_SITE) in cchc/accounts/tests/test_url_matrix.py."
    )
    operations = api_operations()
    missing = sorted(operations - set(API))
    assert not missing, (
        f"API operations without an access rule: {missing}. Add each to API in "
        "cchc/accounts/tests/test_url_matrix.py."
    )
    stale = sorted((set(PAGES) - url_names()) | (set(API) - operations))
    assert not stale, f"Rules for URLs that no longer exist: {stale}"
    for cases in rules.values():
        for case in cases:
            assert set(case.expected) == set(ROLES)


# -- the calls -------------------------------------------------------------------------------


def outcome(response: Any) -> Outcome:
    status: int = response.status_code
    if getattr(response, "streaming", False):
        # Read through the test client's wrapper, which closes the file without closing the
        # database connection (a plain ``close()`` would, inside the savepoint).
        b"".join(response.streaming_content)
    if status in (301, 302, 303):
        location = response["Location"]
        if "/login/" in location:
            return LOGIN
        if re.search(r"/scheduling/agencies/\d+/due/$", location):
            return MINE
        return OK
    if status == 401:
        return LOGIN
    if status in (403, 404, 405) or status >= 500:
        return status
    return OK


def call(client: Client, case: Case, w: World) -> Any:
    path, body = case.target(w)
    method = getattr(client, case.method)
    if case.method == "get":
        return method(path)
    if case.json:
        return method(path, json.dumps(body or {}), content_type="application/json")
    if case.method == "delete":
        return method(path)
    return method(path, body or {})


def _client(w: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if role != "anonymous":
        client.force_login(w.people[role])
    return client


class Clients:
    """One logged-in client per person, logged in again when a call ended its session (the
    session row is made outside the calls' savepoints, so it outlives them)."""

    def __init__(self, w: World) -> None:
        self.w = w
        self.clients: dict[str, tuple[Client, str]] = {}

    def __call__(self, role: str) -> Client:
        kept = self.clients.get(role)
        if kept is not None:
            client, key = kept
            cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            if (cookie.value if cookie else "") == key:
                return client
        client = _client(self.w, role)
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        self.clients[role] = (client, cookie.value if cookie else "")
        return client


def check(rule: str, cases: list[Case], w: World, clients: Clients) -> list[str]:
    wrong: list[str] = []
    for case in cases:
        for role in ROLES:
            client = clients(role)
            with transaction.atomic():
                got = outcome(call(client, case, w))
                transaction.set_rollback(True)
            want = case.expected[role]
            if not (got in (OK, FORBID) if want == STAFF else got == want):
                wrong.append(
                    f"{rule} {case.method.upper()} {case.label}: {role} got {got}, want {want}"
                )
    return wrong


@pytest.mark.parametrize("group", ["pages", "api", "admin"])
def test_each_kind_of_user_gets_what_the_rules_say(world: World, group: str) -> None:
    rules = {"pages": PAGES, "api": API, "admin": admin_rules()}[group]
    wrong: list[str] = []
    clients = Clients(world)
    for rule, cases in rules.items():
        wrong += check(rule, cases, world, clients)
    assert not wrong, "\n".join(wrong)
