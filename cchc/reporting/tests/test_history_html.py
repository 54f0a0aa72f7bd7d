"""The report page's history drawn in Python (cchc.reporting.views.history_html) is the
markup of its template (``reporting/_history.html``): steps, edits with what they changed,
comments with line breaks and markup, a step nobody is recorded for, in both languages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cchc.reporting import selectors
from cchc.reporting.actions import (
    add_evidence,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.forms import ReportForm
from cchc.reporting.models import Report
from cchc.reporting.tests.test_views import as_user, people  # noqa: F401 (fixture)
from cchc.reporting.views.history_html import history_html
from cchc.scheduling.models import Obligation

pytestmark = pytest.mark.django_db


def _plain(html: str) -> str:
    """The markup with runs of white space as one space (the template's indentation)."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def _both(report: Report | None) -> tuple[str, str]:
    history = selectors.history_of(report)
    template = render_to_string("reporting/_history.html", {"history": history})
    return _plain(history_html(history)), _plain(template)


def test_the_python_drawing_is_the_templates(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    focal = people["focal"]
    for language in ("vi", "en"):
        with translation.override(language):
            drawn, template = _both(None)
            assert drawn == template and 'id="no-history"' in drawn
    report = start_report(obligation=obligation, user=None)  # nobody recorded: "—"
    report = save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status="in_progress",
        percent=40,
        narrative="Đã triển khai.",
        explanation='Chờ số liệu <các xã> & "phường".',
    )
    add_evidence(report=report, user=focal, description="Công văn 'số 7'")
    report = Report.objects.get(pk=report.pk)
    report = submit_report(report=report, user=focal, expected_version=report.version)
    return_report(
        report=report,
        user=people["secretariat"],
        comment="Bổ sung <b>số liệu</b> & văn bản.\nDòng thứ hai 'trích dẫn'.\r\nDòng ba",
    )
    report = Report.objects.get(pk=report.pk)
    history = selectors.history_of(report)
    assert {t.is_step for t in history} == {True, False}
    assert any(t.actor is None for t in history) and any(t.changes for t in history)
    for language in ("vi", "en"):
        with translation.override(language):
            drawn, template = _both(report)
            assert drawn == template
            assert drawn.count("<tr data-step=") == len(history)
            assert "&lt;b&gt;số liệu&lt;/b&gt; &amp; văn bản.<br>Dòng thứ hai" in drawn


def test_the_page_shows_the_drawn_history(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    report = start_report(obligation=obligation, user=people["focal"])
    page = as_user(people["focal"]).get(reverse("reporting:obligation", args=[obligation.pk]))
    drawn, _template = _both(report)
    assert drawn in _plain(page.content.decode())
    assert page.content.decode().count('id="history-table"') == 1


def _version_input(page: str) -> str:
    found = re.search(r'<input type="hidden" name="version"[^>]*>', page)
    assert found is not None
    return found.group(0)


@pytest.mark.parametrize("posted", [None, "7", ""])
def test_the_version_field_is_the_widgets(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
    posted: str | None,
) -> None:
    """report.html writes the hidden ``version`` input by hand: the widget's markup, for an
    unbound form (the report's version) and a refused post (what was posted, even empty)."""
    report = start_report(obligation=obligation, user=people["focal"])
    client = as_user(people["focal"])
    if posted is None:
        page = client.get(reverse("reporting:obligation", args=[obligation.pk]))
        form = ReportForm.for_report(report)
    else:
        data = {"version": posted, "percent": "x"}
        page = client.post(reverse("reporting:save", args=[obligation.pk]), data)
        assert page.status_code == 400
        form = ReportForm(data)
    assert _version_input(page.content.decode()) == str(form["version"])


def test_the_kept_history_shows_a_new_step_a_renamed_actor_and_the_language_at_once(
    people: dict[str, User],  # noqa: F811
    obligation: Obligation,
) -> None:
    """The page keeps the drawn history per process under the language and each step's id
    and actor's name (``views.report._history_html``): a change of each shows at once."""
    focal = people["focal"]
    start_report(obligation=obligation, user=focal)
    client = as_user(focal)
    address = reverse("reporting:obligation", args=[obligation.pk])

    def history(language: str = "vi") -> str:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(address).content.decode()
        return page[page.index('<section aria-labelledby="history-heading"') :]

    first = history()
    assert history() == first and first.count("<tr data-step=") == 1
    assert f"<td>{focal.get_username()}</td>" in first
    report = Report.objects.get(obligation=obligation)
    save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status="in_progress",
        percent=10,
        narrative="Bước mới.",
    )
    assert history().count("<tr data-step=") == 2
    User.objects.filter(pk=focal.pk).update(username="doi-ten")
    renamed = history()
    assert "<td>doi-ten</td>" in renamed and f"<td>{focal.get_username()}</td>" not in renamed
    with translation.override("en"):
        english = _plain(history_html(selectors.history_of(report)))
    with translation.override("vi"):
        vietnamese = _plain(history_html(selectors.history_of(report)))
    assert english != vietnamese
    assert english in _plain(history("en")) and vietnamese in _plain(history("vi"))
