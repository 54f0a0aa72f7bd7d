"""Sections edited, versions issued: numbered, never overwritten, never changed (the model's
guard and the database trigger, on SQLite and PostgreSQL alike); the history rows."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.db import DatabaseError, transaction
from docx import Document

from cchc.documents.actions import DocumentError, issue_report, open_report, save_sections
from cchc.documents.content import resolve_period
from cchc.documents.models import (
    ChangeAction,
    ImmutableVersion,
    IssuedVersion,
    OfficialReport,
    ReportSection,
)
from cchc.plans.models import Node

pytestmark = pytest.mark.django_db


def _texts(docx: bytes | memoryview) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(bytes(docx))).paragraphs)


def test_open_prefills_sections_once(with_reports, secretary):
    period = resolve_period(2024, "q1")
    report = open_report(plan=with_reports, period=period, user=secretary)
    keys = list(report.sections.values_list("key", flat=True))
    assert keys[0] == "overview" and keys[-3:] == ["shortcomings", "next", "proposals"]
    assert sum(1 for k in keys if k.startswith("area-")) == 7
    # Prefilled with what the lead agencies wrote in their approved reports of the period.
    row2 = Node.objects.get(plan=with_reports, number="2", kind="activity")
    area = report.sections.get(key=f"area-{row2.area_id}").text
    assert area.startswith(f"- {row2.labelled_title[:40]}")
    assert area.endswith("(Sở Tư pháp tỉnh Bắc Giang): Đã triển khai, đạt 40%.")
    assert "Thiếu nhân lực." in report.sections.get(key="shortcomings").text
    assert "Quý I/2024" in report.sections.get(key="overview").text
    # Opening again returns the same report, sections untouched.
    save_sections(report=report, texts={"overview": "Văn bản của thư ký."}, user=secretary)
    again = open_report(plan=with_reports, period=period, user=secretary)
    assert again.pk == report.pk
    assert again.sections.get(key="overview").text == "Văn bản của thư ký."
    actions = list(report.history.values_list("action", flat=True))
    assert actions == [ChangeAction.CREATED, ChangeAction.EDITED]


def test_save_sections_refuses_unknown_keys_and_stores_nothing(with_reports, secretary):
    report = open_report(plan=with_reports, period=resolve_period(2024, "q1"), user=secretary)
    with pytest.raises(DocumentError, match="unknown section"):
        save_sections(report=report, texts={"overview": "x", "nope": "y"}, user=secretary)
    assert report.sections.get(key="overview").text != "x"
    assert save_sections(report=report, texts={}, user=secretary) == []


def test_issuing_freezes_numbered_versions(with_reports, secretary):
    report = open_report(plan=with_reports, period=resolve_period(2024, "h1"), user=secretary)
    text = "Hoàn thành đề án vị trí việc làm."
    save_sections(report=report, texts={"next": text}, user=secretary)
    first = issue_report(report=report, user=secretary, document_number="125")
    assert first.number == 1 and first.issued_by == secretary
    assert first.sha256 == hashlib.sha256(bytes(first.docx)).hexdigest()
    assert "Hoàn thành đề án vị trí việc làm." in _texts(first.docx)
    header = Document(io.BytesIO(bytes(first.docx))).tables[0].rows[0].cells[0].text
    assert "Số: 125/BC-UBND" in header
    assert first.snapshot["period"]["label"] == "6 tháng đầu năm 2024"
    assert ["next", "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", "Hoàn thành đề án vị trí việc làm."] in (
        first.snapshot["sections"]
    )
    assert bytes(first.pdf).startswith(b"%PDF") and bytes(first.xlsx).startswith(b"PK")

    save_sections(report=report, texts={"next": "Nội dung mới."}, user=secretary)
    second = issue_report(report=report, user=secretary)
    assert second.number == 2
    old = IssuedVersion.objects.get(pk=first.pk)
    assert bytes(old.docx) == bytes(first.docx) and old.sha256 == first.sha256
    assert "Nội dung mới." not in _texts(old.docx)
    assert "Nội dung mới." in _texts(second.docx)
    history = list(report.history.values_list("action", "changes"))
    assert [a for a, _c in history].count(ChangeAction.ISSUED) == 2
    assert history[-1][1] == {"version": 2, "document_number": ""}


def test_document_number_is_checked(with_reports, secretary):
    report = open_report(plan=with_reports, period=resolve_period(2024, "q1"), user=secretary)
    with pytest.raises(DocumentError, match="number alone"):
        issue_report(report=report, user=secretary, document_number="125/BC-UBND")
    assert not report.versions.exists()


def _version(report: OfficialReport, number: int) -> IssuedVersion:
    """A version stored directly (no LibreOffice run): what the guards protect."""
    return IssuedVersion.objects.create(
        official_report=report,
        number=number,
        document_number="",
        issued_on=report.period_end,
        snapshot={"a": 1},
        docx=b"docx",
        xlsx=b"xlsx",
        pdf=b"%PDF",
        sha256="0" * 64,
    )


def _guarded(with_reports, secretary) -> IssuedVersion:
    report = open_report(plan=with_reports, period=resolve_period(2024, "q1"), user=secretary)
    return _version(report, 1)


def _check_immutable(version: IssuedVersion) -> None:
    version.document_number = "999"
    with pytest.raises(ImmutableVersion):
        version.save()
    # Past the model: the database trigger refuses the UPDATE.
    immutable = "documents_issuedversion_immutable"
    with pytest.raises(DatabaseError, match=immutable), transaction.atomic():
        IssuedVersion.objects.filter(pk=version.pk).update(document_number="999")
    with pytest.raises(DatabaseError, match=immutable), transaction.atomic():
        IssuedVersion.objects.filter(pk=version.pk).update(pdf=b"changed")
    # The same number twice: the named constraint.
    unique = r"documents_issuedversion_unique_number|UNIQUE"
    with pytest.raises(DatabaseError, match=unique), transaction.atomic():
        _version(version.official_report, 1)
    stored = IssuedVersion.objects.get(pk=version.pk)
    assert stored.document_number == "" and bytes(stored.pdf) == b"%PDF"


def test_issued_versions_are_immutable(with_reports, secretary):
    _check_immutable(_guarded(with_reports, secretary))


def test_sections_are_unique_per_report(with_reports, secretary):
    report = open_report(plan=with_reports, period=resolve_period(2024, "q1"), user=secretary)
    with pytest.raises(DatabaseError), transaction.atomic():
        ReportSection.objects.create(official_report=report, key="overview", position=99, title="x")
