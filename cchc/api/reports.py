"""The report workflow over HTTP. Every write looks the object up through ``access`` (404 for
what the user may not see, 403 for what they may not do) and calls the reporting action;
a ``ReportError`` becomes a 400 with its message, a ``VersionConflict`` (stale ``version``)
a 409."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Form, Router, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile

from cchc.api import access
from cchc.api.errors import answers
from cchc.api.schemas import (
    ApproveIn,
    BulkApproveIn,
    CommentIn,
    DraftIn,
    EvidenceIn,
    EvidenceOut,
    ReasonIn,
    ReportOut,
    SignOffIn,
    VersionIn,
    evidence_out,
    report_out,
)
from cchc.core.uploads import keep_upload_names
from cchc.reporting import actions, signoff

router = Router(tags=["reports"])


@router.get("/{int:report_id}", response=answers({200: ReportOut}))
def get_report(request: HttpRequest, report_id: int) -> ReportOut:
    return report_out(access.get_report(request, report_id))


@router.patch("/{int:report_id}", response=answers({200: ReportOut}, 400, 403, 409))
def save_draft(request: HttpRequest, report_id: int, payload: DraftIn) -> ReportOut:
    """Change the fields sent; ``version`` is the one the client read."""
    report = access.get_report(request, report_id)
    access.check_can_file(request, report.obligation)
    # A field left out or sent as null is not changed.
    fields = payload.dict(exclude_unset=True, exclude_none=True, exclude={"version"})
    saved = actions.save_draft(
        report=report, user=access.actor(request), expected_version=payload.version, **fields
    )
    return report_out(saved)


@router.post("/{int:report_id}/submit", response=answers({200: ReportOut}, 400, 403, 409))
def submit_report(request: HttpRequest, report_id: int, payload: VersionIn) -> ReportOut:
    report = access.get_report(request, report_id)
    access.check_can_file(request, report.obligation)
    submitted = actions.submit_report(
        report=report, user=access.actor(request), expected_version=payload.version
    )
    return report_out(submitted)


@router.post("/{int:report_id}/resubmit", response=answers({200: ReportOut}, 400, 403, 409))
def resubmit_report(request: HttpRequest, report_id: int, payload: VersionIn) -> ReportOut:
    report = access.get_report(request, report_id)
    access.check_can_file(request, report.obligation)
    submitted = actions.resubmit_report(
        report=report, user=access.actor(request), expected_version=payload.version
    )
    return report_out(submitted)


@router.post("/{int:report_id}/withdraw", response=answers({200: ReportOut}, 400, 403, 409))
def withdraw_report(request: HttpRequest, report_id: int, payload: VersionIn) -> ReportOut:
    """Take a submitted report back to draft before anyone has signed it off, approved or
    returned it (the agency's focal point)."""
    report = access.get_report(request, report_id)
    access.check_can_file(request, report.obligation)
    withdrawn = actions.withdraw_report(
        report=report, user=access.actor(request), expected_version=payload.version
    )
    return report_out(withdrawn)


@router.post("/{int:report_id}/return", response=answers({200: ReportOut}, 400, 403))
def return_report(request: HttpRequest, report_id: int, payload: CommentIn) -> ReportOut:
    report = access.get_report(request, report_id)
    access.check_can_review(request)
    return report_out(
        actions.return_report(report=report, user=access.actor(request), comment=payload.comment)
    )


@router.post("/{int:report_id}/approve", response=answers({200: ReportOut}, 400, 403))
def approve_report(request: HttpRequest, report_id: int, payload: ApproveIn) -> ReportOut:
    report = access.get_report(request, report_id)
    access.check_can_review(request)
    return report_out(
        actions.approve_report(report=report, user=access.actor(request), comment=payload.comment)
    )


@router.post("/{int:report_id}/reopen", response=answers({200: ReportOut}, 400, 403))
def reopen_report(request: HttpRequest, report_id: int, payload: ReasonIn) -> ReportOut:
    report = access.get_report(request, report_id)
    access.check_can_review(request)
    return report_out(
        actions.reopen_report(report=report, user=access.actor(request), reason=payload.reason)
    )


@router.post("/{int:report_id}/sign-off", response=answers({200: ReportOut}, 400, 403, 409))
def sign_off_report(request: HttpRequest, report_id: int, payload: SignOffIn) -> ReportOut:
    """The agency's head signs off a report awaiting it: it goes to the secretariat."""
    report = access.get_report(request, report_id)
    access.check_can_sign_off(request, report.obligation)
    return report_out(
        signoff.sign_off_report(
            report=report,
            user=access.actor(request),
            expected_version=payload.version,
            comment=payload.comment,
        )
    )


@router.post("/{int:report_id}/decline-sign-off", response=answers({200: ReportOut}, 400, 403))
def decline_sign_off(request: HttpRequest, report_id: int, payload: CommentIn) -> ReportOut:
    """The agency's head returns a report awaiting sign-off to the focal point."""
    report = access.get_report(request, report_id)
    access.check_can_sign_off(request, report.obligation)
    return report_out(
        signoff.decline_sign_off(report=report, user=access.actor(request), comment=payload.comment)
    )


@router.post("/bulk-approve", response=answers({200: list[ReportOut]}, 400, 403))
def bulk_approve(request: HttpRequest, payload: BulkApproveIn) -> list[ReportOut]:
    """Approve several submitted reports with one comment: all of them, or none."""
    access.check_can_review(request)
    reports = [access.get_report(request, pk) for pk in sorted(set(payload.reports))]
    approved = actions.bulk_approve(
        reports=reports, user=access.actor(request), comment=payload.comment
    )
    return [report_out(r) for r in approved]


@router.post("/{int:report_id}/evidence", response=answers({201: EvidenceOut}, 400, 403))
@decorate_view(keep_upload_names)
def add_evidence(
    request: HttpRequest,
    report_id: int,
    data: Form[EvidenceIn],
    file: File[UploadedFile | None] = None,
) -> Status[EvidenceOut]:
    """Record an output delivered (multipart form), with its file if one is attached: PDF,
    DOCX, XLSX or an image, checked by content. The answer names the file as it is kept."""
    report = access.get_report(request, report_id)
    access.check_can_file(request, report.obligation)
    evidence = actions.add_evidence(
        report=report,
        user=access.actor(request),
        description=data.description,
        document_number=data.document_number,
        document_date=data.document_date,
        issuer=data.issuer,
        upload=file,
    )
    return Status(201, evidence_out(evidence))
