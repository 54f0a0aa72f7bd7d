"""The API's rules of the access matrix (``test_url_matrix``): every operation of the
OpenAPI schema, as "METHOD /path", with who may call it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cchc.accounts.tests.url_matrix_base import (
    FILE_A,
    FORBID,
    HIDDEN,
    LOGIN,
    NOTE_A,
    OF_A,
    OK,
    REVIEW_A,
    SEES_ALL,
    SIGN_OFF_A,
    WORK_OF_A,
    WORK_OF_B,
    Case,
    Outcome,
    World,
    expect,
    only,
)
from cchc.reporting.models import Report


def api_case(
    method: str, path: Callable[[World], str], expected: dict[str, Outcome], body: Any = None
) -> Case:
    def target(w: World) -> tuple[str, Any]:
        return "/api/v1" + path(w), body(w) if callable(body) else body

    return Case(method, target, expected, json=True)


API_LOGIN = {"anonymous": LOGIN}
API_EVERYONE = expect(OK)


def _v(report: Callable[[World], Report]) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"version": report(w).version}


# The API: every operation of the OpenAPI schema, as "METHOD /path" with its parameters.
API: dict[str, list[Case]] = {
    # Dossier batches from a one-stop system: an ingest token only; a session, whoever's,
    # opens nothing (401, as to an anonymous caller).
    "POST /api/v1/dossiers/events": [
        api_case("post", lambda w: "/dossiers/events", expect(LOGIN), {"dossiers": []})
    ],
    "GET /api/v1/obligations/": [api_case("get", lambda w: "/obligations/", API_EVERYONE)],
    "GET /api/v1/obligations/{obligation_id}": [
        api_case("get", lambda w: f"/obligations/{w.obligation_a.pk}", WORK_OF_A),
        api_case("get", lambda w: f"/obligations/{w.obligation_b.pk}", WORK_OF_B),
    ],
    "GET /api/v1/obligations/{obligation_id}/report": [
        api_case("get", lambda w: f"/obligations/{w.obligation_a.pk}/report", WORK_OF_A)
    ],
    "POST /api/v1/obligations/{obligation_id}/report": [
        api_case("post", lambda w: f"/obligations/{w.obligation_a.pk}/report", FILE_A, {})
    ],
    "POST /api/v1/obligations/{obligation_id}/contribution": [
        api_case(
            "post", lambda w: f"/obligations/{w.partner_a.pk}/contribution", FILE_A, {"text": "x"}
        )
    ],
    "GET /api/v1/reports/{report_id}": [
        api_case("get", lambda w: f"/reports/{w.report_a.pk}", WORK_OF_A),
        api_case("get", lambda w: f"/reports/{w.report_b.pk}", WORK_OF_B),
    ],
    "PATCH /api/v1/reports/{report_id}": [
        api_case(
            "patch",
            lambda w: f"/reports/{w.report_a.pk}",
            FILE_A,
            lambda w: {"version": w.report_a.version, "percent": 30},
        )
    ],
    "POST /api/v1/reports/{report_id}/submit": [
        api_case(
            "post", lambda w: f"/reports/{w.report_a.pk}/submit", FILE_A, _v(lambda w: w.report_a)
        )
    ],
    "POST /api/v1/reports/{report_id}/resubmit": [
        api_case(
            "post", lambda w: f"/reports/{w.report_a.pk}/resubmit", FILE_A, _v(lambda w: w.report_a)
        )
    ],
    "POST /api/v1/reports/{report_id}/withdraw": [
        api_case(
            "post", lambda w: f"/reports/{w.report_a.pk}/withdraw", FILE_A, _v(lambda w: w.report_a)
        )
    ],
    "POST /api/v1/reports/{report_id}/return": [
        api_case("post", lambda w: f"/reports/{w.report_a.pk}/return", REVIEW_A, {"comment": "x"})
    ],
    "POST /api/v1/reports/{report_id}/approve": [
        api_case("post", lambda w: f"/reports/{w.report_a.pk}/approve", REVIEW_A, {})
    ],
    "POST /api/v1/reports/{report_id}/reopen": [
        api_case("post", lambda w: f"/reports/{w.report_a.pk}/reopen", REVIEW_A, {"reason": "x"})
    ],
    "POST /api/v1/reports/{report_id}/sign-off": [
        api_case(
            "post",
            lambda w: f"/reports/{w.report_a.pk}/sign-off",
            SIGN_OFF_A,
            _v(lambda w: w.report_a),
        )
    ],
    "POST /api/v1/reports/{report_id}/decline-sign-off": [
        api_case(
            "post",
            lambda w: f"/reports/{w.report_a.pk}/decline-sign-off",
            SIGN_OFF_A,
            {"comment": "x"},
        )
    ],
    "POST /api/v1/reports/bulk-approve": [
        api_case(
            "post",
            lambda w: "/reports/bulk-approve",
            only("secretariat"),
            lambda w: {"reports": [w.report_a.pk, w.report_b.pk]},
        )
    ],
    "POST /api/v1/reports/{report_id}/evidence": [
        Case(
            "post",
            lambda w: (f"/api/v1/reports/{w.report_a.pk}/evidence", {"description": "Văn bản"}),
            FILE_A,
        )
    ],
    "GET /api/v1/sign-off/{agency_id}": [
        api_case("get", lambda w: f"/sign-off/{w.a.pk}", WORK_OF_A),
        api_case("get", lambda w: f"/sign-off/{w.b.pk}", WORK_OF_B),
    ],
    "PUT /api/v1/sign-off/{agency_id}": [
        api_case(
            "put",
            lambda w: f"/sign-off/{w.a.pk}",
            only("head_a", "both_a", "secretariat", focal_b=HIDDEN, nobody=HIDDEN),
            {"required": True},
        )
    ],
    "GET /api/v1/status/": [api_case("get", lambda w: "/status/", only(*SEES_ALL))],
    "POST /api/v1/status/remind": [
        api_case(
            "post",
            lambda w: "/status/remind",
            only("secretariat"),
            lambda w: {"year": 2024, "period": "quarter-1", "agencies": [w.a.pk]},
        )
    ],
    "GET /api/v1/plans/{plan_id}/progress": [
        api_case("get", lambda w: f"/plans/{w.plan.pk}/progress", API_EVERYONE)
    ],
    "GET /api/v1/evidence/{evidence_id}/file": [
        api_case("get", lambda w: f"/evidence/{w.evidence_a.pk}/file", WORK_OF_A),
        api_case("get", lambda w: f"/evidence/{w.evidence_b.pk}/file", WORK_OF_B),
    ],
    "GET /api/v1/notifications/": [api_case("get", lambda w: "/notifications/", API_EVERYONE)],
    # Only focal point A's own notification; anyone else's does not exist for them.
    "POST /api/v1/notifications/{notification_id}/read": [
        api_case(
            "post",
            lambda w: f"/notifications/{NOTE_A(w)}/read",
            expect(HIDDEN, focal_a=OK),
            {},
        )
    ],
    "DELETE /api/v1/evidence/{evidence_id}": [
        api_case("delete", lambda w: f"/evidence/{w.evidence_a.pk}", FILE_A)
    ],
    "GET /api/v1/indicators": [api_case("get", lambda w: "/indicators", API_EVERYONE)],
    "GET /api/v1/indicators/{code}": [
        api_case("get", lambda w: "/indicators/tthc.dossiers_online", API_EVERYONE)
    ],
    "GET /api/v1/targets": [api_case("get", lambda w: "/targets", API_EVERYONE)],
    # The world has no target: a 404 to everyone who may read targets (everyone).
    "GET /api/v1/targets/{target_id}": [
        api_case("get", lambda w: "/targets/999999", expect(HIDDEN))
    ],
    # Only the secretariat decides: others are refused before the target is looked up.
    "POST /api/v1/targets/{target_id}/confirm": [
        api_case(
            "post", lambda w: "/targets/999999/confirm", expect(FORBID, secretariat=HIDDEN), {}
        )
    ],
    "POST /api/v1/targets/{target_id}/reject": [
        api_case("post", lambda w: "/targets/999999/reject", expect(FORBID, secretariat=HIDDEN), {})
    ],
    "GET /api/v1/measurements": [api_case("get", lambda w: "/measurements", API_EVERYONE)],
    # A value of agency A: its focal points, or the secretariat.
    "POST /api/v1/measurements": [
        api_case(
            "post",
            lambda w: "/measurements",
            only("focal_a", "both_a", "secretariat"),
            lambda w: {
                "indicator": "tthc.dossiers_online",
                "period_kind": "year",
                "period_year": 2024,
                "value": 40.0,
                "agency_id": w.a.pk,
            },
        )
    ],
    # The 766 service figures: whoever may open /service-quality/ (no membership: 403); an
    # agency's figures only to its members and those who see everything.
    "GET /api/v1/service-quality/indicators": [
        api_case(
            "get",
            lambda w: f"/service-quality/indicators?period=2026-M01&agency={w.a.code}",
            only(*OF_A, *SEES_ALL, rest=HIDDEN, nobody=FORBID),
        ),
        api_case(
            "get",
            lambda w: f"/service-quality/indicators?period=2026-M01&agency={w.b.code}",
            only("focal_b", *SEES_ALL, rest=HIDDEN, nobody=FORBID),
        ),
        api_case(
            "get",
            lambda w: "/service-quality/indicators?period=2026-M01",
            expect(OK, nobody=FORBID),
        ),
    ],
    "GET /api/v1/service-quality/scores": [
        api_case("get", lambda w: "/service-quality/scores?year=2026", expect(OK, nobody=FORBID))
    ],
}
