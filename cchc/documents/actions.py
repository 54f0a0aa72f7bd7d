"""Every change of an official report: open it for a period, edit its sections, issue a
version. Keyword-only, one transaction, a history row (``OfficialReportChange``) each. Who may
call which is the caller's check (``permissions.can_edit_official_reports``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from cchc.accounts.permissions import AnyUser
from cchc.core.history import actor_of
from cchc.documents.content import build_snapshot, default_sections, period_of, report_texts
from cchc.documents.models import (
    ChangeAction,
    IssuedVersion,
    OfficialReport,
    OfficialReportChange,
    ReportSection,
)
from cchc.documents.render import build_docx, build_xlsx, to_pdf
from cchc.plans.models import Plan
from cchc.scheduling.periods import Period

MAX_SECTION_CHARS = 20_000


class DocumentError(ValueError):
    """Input an action refuses, with a message for the user."""


@dataclass(frozen=True, slots=True)
class Built:
    snapshot: dict[str, Any]
    sections: list[tuple[str, str, str]]
    docx: bytes
    xlsx: bytes
    pdf: bytes | None


def open_report(*, plan: Plan, period: Period, user: AnyUser | None) -> OfficialReport:
    """The plan's report for ``period``, made with its sections prefilled if new."""
    with transaction.atomic():
        report, created = OfficialReport.objects.select_for_update().get_or_create(
            plan=plan,
            report=period.report,
            period_kind=period.kind,
            period_year=period.year,
            period_number=period.number,
            defaults={
                "period_label": period.label,
                "period_start": period.start,
                "period_end": period.end,
                "created_by": actor_of(user),
            },
        )
        if created:
            snapshot = build_snapshot(plan=plan, period=period)
            texts = report_texts(plan=plan, period=period)
            ReportSection.objects.bulk_create(
                ReportSection(
                    official_report=report, key=key, position=position, title=title, text=text
                )
                for position, (key, title, text) in enumerate(default_sections(snapshot, texts))
            )
            OfficialReportChange.objects.create(
                official_report=report,
                action=ChangeAction.CREATED,
                actor=actor_of(user),
                changes={"period": period.label},
            )
        return report


def save_sections(
    *, report: OfficialReport, texts: dict[str, str], user: AnyUser | None
) -> list[str]:
    """Store the narrative texts by section key; returns the keys that changed. Unknown keys
    and texts over ``MAX_SECTION_CHARS`` are refused, nothing stored."""
    with transaction.atomic():
        sections = {s.key: s for s in report.sections.select_for_update()}
        unknown = sorted(set(texts) - set(sections))
        if unknown:
            raise DocumentError(f"unknown section(s): {', '.join(unknown)}")
        too_long = [sections[k].title for k, t in texts.items() if len(t) > MAX_SECTION_CHARS]
        if too_long:
            raise DocumentError(
                f"section text over {MAX_SECTION_CHARS} characters: {'; '.join(too_long)}"
            )
        changed: list[str] = []
        for key, text in texts.items():
            section = sections[key]
            text = text.replace("\r\n", "\n").strip()
            if section.text == text:
                continue
            section.text = text
            section.updated_by = actor_of(user)
            section.save(update_fields=["text", "updated_by", "updated_at"])
            changed.append(key)
        if changed:
            OfficialReportChange.objects.create(
                official_report=report,
                action=ChangeAction.EDITED,
                actor=actor_of(user),
                changes={"sections": changed},
            )
        return changed


def current_sections(report: OfficialReport) -> list[tuple[str, str, str]]:
    return [(s.key, s.title, s.text) for s in report.sections.order_by("position")]


def build(
    *,
    plan: Plan,
    period: Period,
    sections: list[tuple[str, str, str]] | None = None,
    number: str = "",
    day: dt.date | None = None,
    pdf: bool = True,
) -> Built:
    """The files of the report, from a fresh snapshot (nothing stored)."""
    day = day or timezone.localdate()
    snapshot = build_snapshot(plan=plan, period=period, on=day)
    if sections is None:
        sections = default_sections(snapshot, report_texts(plan=plan, period=period))
    docx = build_docx(snapshot=snapshot, sections=sections, number=number, day=day)
    return Built(
        snapshot=snapshot,
        sections=sections,
        docx=docx,
        xlsx=build_xlsx(snapshot=snapshot),
        pdf=to_pdf(docx) if pdf else None,
    )


def issue_report(
    *,
    report: OfficialReport,
    user: AnyUser | None,
    document_number: str = "",
) -> IssuedVersion:
    """Freeze the report as its next numbered version: the files and the data snapshot. The
    PDF is made before the transaction; a failure stores nothing."""
    document_number = document_number.strip()
    if len(document_number) > 20 or any(c in document_number for c in "/\n\r"):
        raise DocumentError("the document number is the number alone, e.g. 125")
    built = build(
        plan=report.plan,
        period=period_of(report),
        sections=current_sections(report),
        number=document_number,
    )
    assert built.pdf is not None
    snapshot = {**built.snapshot, "sections": [list(s) for s in built.sections]}
    with transaction.atomic():
        locked = OfficialReport.objects.select_for_update().get(pk=report.pk)
        last = locked.versions.order_by("-number").values_list("number", flat=True).first()
        version = IssuedVersion.objects.create(
            official_report=locked,
            number=(last or 0) + 1,
            document_number=document_number,
            issued_on=dt.date.fromisoformat(built.snapshot["made_on"]),
            issued_by=actor_of(user),
            snapshot=snapshot,
            docx=built.docx,
            xlsx=built.xlsx,
            pdf=built.pdf,
            sha256=hashlib.sha256(built.docx).hexdigest(),
        )
        OfficialReportChange.objects.create(
            official_report=locked,
            action=ChangeAction.ISSUED,
            actor=actor_of(user),
            changes={"version": version.number, "document_number": document_number},
        )
        return version
