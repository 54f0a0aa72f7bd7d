"""The API against its own OpenAPI schema, with schemathesis generating the requests: every
operation, as every role (anonymous, focal point, head, secretariat, leader,
administrator), in process through WSGI (no server), with the CSRF token sent. No answer
may be a server error, a status the operation does not document, a content type it does
not declare, or a body that does not match its schema.

In CI each operation gets ``CCHC_SCHEMATHESIS_EXAMPLES`` generated requests per role (3),
valid and invalid input mixed; ``scripts/bench schemathesis`` runs the same test with many
more and writes the counts to ``CCHC_SCHEMATHESIS_RESULTS`` (bench/README.md)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, Phase
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cchc.reporting.actions import add_evidence, save_draft, start_report, submit_report
from cchc.reporting.tests.test_views import PDF

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("CCHC_SCHEMATHESIS_EXAMPLES", "3"))
ROLES = os.environ.get(
    "CCHC_SCHEMATHESIS_ROLES", "anonymous,focal,head,secretariat,leader,admin"
).split(",")
RESULTS = os.environ.get("CCHC_SCHEMATHESIS_RESULTS", "")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class InProcess:
    """Django as a WSGI application for the test's own database connection: like the test
    client, it does not close the connection between requests (which would end the
    test's transaction)."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            chunks = self.handler(environ, start_response)
            body = b"".join(chunks)
            chunks.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return [body]


@dataclass
class Tally:
    cases: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    by_operation: dict[str, int] = field(default_factory=dict)
    # Each role's answers by status: the roles logged in must be let in somewhere.
    statuses: dict[str, dict[int, int]] = field(default_factory=dict)


def session(client: Client | None) -> tuple[dict[str, str], dict[str, str]]:
    """The headers and cookies of a logged-in session, with its CSRF token (none logged in
    for anonymous)."""
    token = _get_new_csrf_string()
    cookies = {"csrftoken": token, "django_language": "en"}
    if client is not None:
        cookies["sessionid"] = client.cookies["sessionid"].value
    return {"X-CSRFToken": token}, cookies


def run_operation(
    operation: Any,
    credentials: tuple[dict[str, str], dict[str, str]],
    tally: Tally,
    role: str,
    examples: int,
) -> None:
    headers, cookies = credentials
    label = f"{operation.method.upper()} {operation.path}"
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
        GenerationMode.NEGATIVE
    )

    @hypothesis.given(case=strategy)
    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        tally.cases += 1
        tally.by_operation[label] = tally.by_operation.get(label, 0) + 1
        response = case.call(headers=headers, cookies=cookies)
        statuses = tally.statuses.setdefault(role, {})
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (AssertionError, FailureGroup) as exc:  # each failure counted, none raised
            tally.failures.append(
                {
                    "role": role,
                    "operation": label,
                    "status": response.status_code,
                    "request": case.as_curl_command(headers=headers),
                    "failure": str(exc)[:2000],
                }
            )

    check()


@pytest.fixture
def data(people, obligation, other_obligation) -> None:
    """Something behind the ids: a draft with evidence, a submitted report."""
    draft = start_report(obligation=obligation, user=people["focal"])

    add_evidence(
        report=draft,
        user=people["focal"],
        description="Quyết định 12",
        upload=SimpleUploadedFile("qd.pdf", PDF),
    )
    other = start_report(obligation=other_obligation, user=people["other"])
    other = save_draft(
        report=other,
        user=people["other"],
        expected_version=other.version,
        work_status="in_progress",
        percent=50,
        narrative="Đã ban hành kế hoạch triển khai và tổ chức hội nghị quán triệt.",
        explanation="Báo cáo chậm do chờ số liệu của các phòng chuyên môn.",
    )
    submit_report(report=other, user=people["other"], expected_version=other.version)


def run(roles: Iterable[str], clients: dict[str, Client], examples: int) -> Tally:
    raw = clients["admin"].get("/api/v1/openapi.json").json()
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = InProcess()
    tally = Tally()
    for role in roles:
        credentials = session(None if role == "anonymous" else clients[role])
        for result in schema.get_all_operations():
            run_operation(result.ok(), credentials, tally, role, examples)
    return tally


def test_the_api_keeps_its_schema_for_every_role(clients, data, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "testserver"]
    started = time.monotonic()
    tally = run(ROLES, clients, EXAMPLES)
    seconds = round(time.monotonic() - started, 1)
    if RESULTS:
        Path(RESULTS).parent.mkdir(parents=True, exist_ok=True)
        Path(RESULTS).write_text(
            json.dumps(
                {
                    "examples_per_operation": EXAMPLES,
                    "roles": list(ROLES),
                    "operations": len(tally.by_operation),
                    "cases": tally.cases,
                    "failures": len(tally.failures),
                    "statuses": tally.statuses,
                    "seconds": seconds,
                    "failed": tally.failures[:50],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    assert tally.cases >= len(tally.by_operation) * len(ROLES)
    for role, statuses in tally.statuses.items():
        if role == "anonymous":
            assert set(statuses) == {401, 404}, statuses
        else:
            assert statuses.get(200, 0) > 0 and statuses.get(422, 0) > 0, (role, statuses)
    assert tally.failures == [], json.dumps(tally.failures[:5], ensure_ascii=False, indent=1)
