"""The report form's "submit" (``reporting:save`` with ``submit``): the text, the target
values and the submission in one transaction under one lock (``actions.save_and_submit``),
the statements it costs pinned; the history as two saves would have written it; an
incomplete report kept as a draft; a version conflict answered 409 with nothing saved; two
submissions at once submit once; the head's sign-off and the rule in force read with the
lock; the figures' and the lists' versions bumped after the commit in one statement."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from cchc.core import versions
from cchc.notifications.models import Notification, NotificationKind
from cchc.reporting.actions import (
    ReportError,
    VersionConflict,
    save_and_submit,
    save_draft,
    start_report,
)
from cchc.reporting.models import Report, ReportState, ReportTransition
from cchc.reporting.rules import set_submission_rule
from cchc.reporting.signoff import set_sign_off
from cchc.reporting.tests.test_concurrency import focal_points, race  # noqa: F401 (fixture)
from cchc.reporting.tests.test_views import as_user, people, report_data, url  # noqa: F401
from cchc.scheduling.models import Obligation, ObligationStatus

# The period rules are flushed by the transactional test below: put them back.
pytestmark = pytest.mark.usefixtures("restore_period_rules")

EXPLAINED = "Chậm do chờ số liệu tổng hợp."


def _draft(obligation: Obligation, user: User) -> Report:
    report = start_report(obligation=obligation, user=user)
    return save_draft(
        report=report,
        user=user,
        expected_version=report.version,
        work_status="in_progress",
        percent=30,
        narrative="Bản nháp.",
    )


def _rows(report: Report) -> list[tuple[str, str, list[str]]]:
    return [
        (t.from_state, t.to_state, t.changes)
        for t in ReportTransition.objects.filter(report=report).order_by("pk")
    ]


@pytest.mark.django_db
def test_a_submission_is_one_transaction_of_pinned_statements(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    focal = people["focal"]
    report = _draft(obligation, focal)
    before = _rows(report)
    client = as_user(focal)
    data = report_data(report.version, submit="", narrative="Đã xong.", percent=80)
    data["explanation"] = EXPLAINED  # the deadline has passed
    # The session, the user with their memberships (one statement), the obligation (its
    # report, the rule), the activity's targets; then SAVEPOINT, the report locked (with the
    # rule and the head's sign-off), the edit's row, the obligation, the report (text and
    # state in one UPDATE), the step's row, RELEASE: the outermost block of a request is
    # BEGIN ... COMMIT.
    with (
        django_capture_on_commit_callbacks() as callbacks,
        django_assert_num_queries(11),
    ):
        response = client.post(url("save", obligation), data)
    assert response.status_code == 302
    assert response["Location"] == url("obligation", obligation)
    stored = Report.objects.get(pk=report.pk)
    assert stored.state == ReportState.SUBMITTED
    assert (stored.narrative, stored.percent, stored.explanation) == ("Đã xong.", 80, EXPLAINED)
    assert stored.version == report.version + 2
    assert stored.submitted_at is not None
    assert _rows(report) == [
        *before,
        ("draft", "draft", ["percent", "narrative", "explanation"]),
        ("draft", "submitted", []),
    ]
    assert Obligation.objects.get(pk=obligation.pk).status == ObligationStatus.SUBMITTED
    # After the commit: one statement for the figures and the work lists.
    bumps = [c for c in callbacks if hasattr(c, "version_keys")]
    assert [c.version_keys for c in bumps] == [{versions.FIGURES_KEY, versions.LISTS_KEY}]
    figures, lists = versions.current(versions.FIGURES_KEY), versions.current(versions.LISTS_KEY)
    bumps[0]()
    assert versions.current(versions.FIGURES_KEY) not in (0, figures)
    assert versions.current(versions.LISTS_KEY) not in (0, lists)


@pytest.mark.django_db
def test_an_incomplete_report_keeps_its_draft_and_is_not_sent(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    focal = people["focal"]
    report = _draft(obligation, focal)
    before = _rows(report)
    client = as_user(focal)
    # Late without an explanation.
    data = report_data(report.version, submit="", narrative="Đã làm một phần.", percent=50)
    response = client.post(url("save", obligation), data)
    assert response.status_code == 302
    stored = Report.objects.get(pk=report.pk)
    assert stored.state == ReportState.DRAFT
    assert (stored.narrative, stored.percent, stored.version) == (
        "Đã làm một phần.",
        50,
        report.version + 1,
    )
    assert stored.submitted_at is None
    assert _rows(report) == [*before, ("draft", "draft", ["percent", "narrative"])]
    assert Obligation.objects.get(pk=obligation.pk).status != ObligationStatus.SUBMITTED
    page = client.get(url("obligation", obligation)).content.decode()
    assert 'id="report-form"' in page  # still the focal point's to change


@pytest.mark.django_db
def test_other_text_saved_meanwhile_is_a_conflict_that_saves_nothing(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    focal = people["focal"]
    report = _draft(obligation, focal)
    opened = report.version
    report = save_draft(
        report=report, user=focal, expected_version=opened, narrative="Đồng nghiệp đã sửa."
    )
    before = _rows(report)
    data = report_data(opened, submit="", narrative="Tôi gõ.", explanation=EXPLAINED)
    response = as_user(focal).post(url("save", obligation), data)
    assert response.status_code == 409
    assert "Tôi gõ.</textarea>" in response.content.decode()  # the input kept, to copy
    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.narrative, stored.version) == (
        ReportState.DRAFT,
        "Đồng nghiệp đã sửa.",
        report.version,
    )
    assert _rows(report) == before


@pytest.mark.django_db
def test_a_report_already_sent_is_not_changed_again(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    focal = people["focal"]
    report = _draft(obligation, focal)
    fields = {"narrative": "Đã xong.", "explanation": EXPLAINED}
    sent, refusal = save_and_submit(
        report=report, user=focal, expected_version=report.version, fields=fields
    )
    assert refusal == "" and sent.state == ReportState.SUBMITTED
    stale = Report.objects.get(pk=report.pk)
    with pytest.raises(ReportError):
        save_and_submit(
            report=stale,
            user=focal,
            expected_version=stale.version - 2,
            fields=fields | {"narrative": "Lần bấm thứ hai."},
        )
    stored = Report.objects.get(pk=report.pk)
    assert (stored.narrative, stored.version) == ("Đã xong.", sent.version)
    assert ReportTransition.objects.filter(report=report, to_state="submitted").count() == 1


@pytest.mark.django_db
def test_with_the_head_s_sign_off_it_goes_to_the_head_who_is_told(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    focal, head = people["focal"], people["head"]
    set_sign_off(agency=obligation.agency, required=True, by=head)
    report = _draft(obligation, focal)
    data = report_data(report.version, submit="", explanation=EXPLAINED)
    assert as_user(focal).post(url("save", obligation), data).status_code == 302
    stored = Report.objects.get(pk=report.pk)
    assert stored.state == ReportState.AWAITING_SIGN_OFF
    assert Obligation.objects.get(pk=obligation.pk).status != ObligationStatus.SUBMITTED
    told = Notification.objects.filter(report=stored, kind=NotificationKind.SIGN_OFF_REQUESTED)
    assert list(told.values_list("recipient_id", flat=True)) == [head.pk]
    # The agency no longer asks for it: the next report goes straight to the secretariat.
    set_sign_off(agency=obligation.agency, required=False, by=head)
    other = (
        Obligation.objects.filter(
            agency=obligation.agency, role="lead", activity__plan_id=obligation.activity.plan_id
        )
        .exclude(pk=obligation.pk)
        .exclude(status="not_applicable")
        .order_by("deadline", "pk")
        .first()
    )
    assert other is not None
    second = _draft(other, focal)
    sent, refusal = save_and_submit(
        report=second, user=focal, expected_version=second.version, fields={"explanation": "Ok."}
    )
    assert (refusal, sent.state) == ("", ReportState.SUBMITTED)


@pytest.mark.django_db
def test_the_rule_in_force_is_read_with_the_lock(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    focal = people["focal"]
    report = _draft(obligation, focal)
    done = {"work_status": "done", "percent": 100, "explanation": EXPLAINED}
    # The default rule: work that is done needs evidence. The draft is kept.
    with translation.override("en"):
        kept, refusal = save_and_submit(
            report=report, user=focal, expected_version=report.version, fields=done
        )
    assert "Evidence: list the outputs delivered" in refusal
    assert (kept.state, kept.work_status) == (ReportState.DRAFT, "done")
    set_submission_rule(require_narrative=True, require_evidence_when_done=False, by=None)
    sent, refusal = save_and_submit(
        report=kept, user=focal, expected_version=kept.version, fields=done
    )
    assert (refusal, sent.state) == ("", ReportState.SUBMITTED)


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_send_the_report_once(
    obligation: Obligation,
    focal_points: tuple[User, User],  # noqa: F811
) -> None:
    lan, minh = focal_points
    report = _draft(obligation, lan)
    version = report.version
    fields = {"narrative": "Đã thẩm định 12 dự thảo.", "explanation": EXPLAINED}

    def read() -> Report:
        return Report.objects.get(pk=report.pk)

    def submit_as(user: User) -> Any:
        def act(seen: Report) -> tuple[Report, str]:
            return save_and_submit(
                report=seen, user=user, expected_version=seen.version, fields=fields
            )

        return act

    outcome = race((read, submit_as(lan)), (read, submit_as(minh)))
    # One sends it; the other, behind the lock, finds it sent and may not change it.
    assert len(outcome.results) == 1 and len(outcome.errors) == 1, outcome
    assert outcome.results[0][1] == ""
    [error] = outcome.errors
    assert isinstance(error, ReportError) and not isinstance(error, VersionConflict)
    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.version) == (ReportState.SUBMITTED, version + 2)
    assert [(f, t) for f, t, _changes in _rows(report)[-2:]] == [
        ("draft", "draft"),
        ("draft", "submitted"),
    ]
    assert ReportTransition.objects.filter(report=report, to_state="submitted").count() == 1
