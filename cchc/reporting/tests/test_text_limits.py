"""The report pages' forms refuse text that cannot be stored or is too long, naming the
field, and tell the browser the limit (``maxlength``, which it counts as the server does:
a line break is one character)."""

from __future__ import annotations

import pytest

from cchc.reporting.forms import (
    ContributionForm,
    EvidenceForm,
    ReportForm,
    ReviewForm,
    SignOffForm,
)
from cchc.reporting.models import TextLimit

REPORT = {"work_status": "in_progress", "percent": "10", "version": "1"}


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("narrative", TextLimit.NARRATIVE),
        ("difficulties", TextLimit.NOTE),
        ("proposals", TextLimit.NOTE),
        ("explanation", TextLimit.NOTE),
    ],
)
def test_report_text_limits(field, limit):
    assert f'maxlength="{limit}"' in str(ReportForm()[field])
    assert ReportForm({**REPORT, field: "ư" * limit}).is_valid()
    too_long = ReportForm({**REPORT, field: "ư" * (limit + 1)})
    assert not too_long.is_valid() and set(too_long.errors) == {field}
    for bad in ("a\x00b", "\ud800"):
        form = ReportForm({**REPORT, field: bad})
        assert not form.is_valid() and set(form.errors) == {field}


def test_a_line_break_counts_once():
    text = "ư\r\n" * (TextLimit.NOTE // 2)
    form = ReportForm({**REPORT, "difficulties": text})
    assert form.is_valid(), form.errors
    assert "\r" not in form.cleaned_data["difficulties"]


@pytest.mark.parametrize(
    ("form_class", "data", "field", "limit"),
    [
        (EvidenceForm, {}, "description", TextLimit.DESCRIPTION),
        (EvidenceForm, {"description": "x"}, "document_number", TextLimit.DOCUMENT_NUMBER),
        (EvidenceForm, {"description": "x"}, "issuer", TextLimit.ISSUER),
        (ContributionForm, {}, "text", TextLimit.NOTE),
        (ReviewForm, {"action": "return"}, "comment", TextLimit.COMMENT),
        (SignOffForm, {"action": "sign", "version": "1"}, "comment", TextLimit.COMMENT),
    ],
)
def test_other_text_fields(form_class, data, field, limit):
    assert f'maxlength="{limit}"' in str(form_class()[field])
    for bad in ("x" * (limit + 1), "x\x00"):
        form = form_class({**data, field: bad})
        assert not form.is_valid() and field in form.errors
    assert form_class({**data, field: "x" * limit}).is_valid()


def test_the_decisions_kept_as_history_share_their_fields_and_limit():
    """The sign-off setting and the minimum content of a report keep who changed them, when
    and why the same way (``Change``), each table with its named check on the reason."""
    from cchc.reporting.models import Change, SignOffSetting, SubmissionRule

    for model in (SignOffSetting, SubmissionRule):
        assert issubclass(model, Change)
        fields = {f.name: f for f in model._meta.get_fields()}
        assert {"reason", "changed_by", "changed_at"} <= set(fields)
        names = {c.name for c in model._meta.constraints}
        assert f"reporting_{model._meta.model_name}_reason_length" in names
        assert model.NEWEST_FIRST == ("-changed_at", "-pk")
