"""The rows of the work lists drawn in Python (``cchc.reporting.views.rows_html``) are the
rows the templates drew: each list is drawn both ways on the same data and compared (the
templates' row loops as they were, kept here), with every state a row can show; the
``QuickSelect`` widget is Django's ``Select``; ``cut`` is ``truncatechars``."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.models import User
from django.template import engines
from django.template.defaultfilters import truncatechars
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.reporting import grid as grid_selectors
from cchc.reporting import selectors
from cchc.reporting.actions import return_report, save_draft, start_report, submit_report
from cchc.reporting.tests.test_views import as_user, people  # noqa: F401 (fixture)
from cchc.reporting.views import common
from cchc.reporting.views.rows_html import (
    GridRows,
    ListedRows,
    MineItem,
    MineRows,
    ReviewRow,
    ReviewRows,
    cut,
)
from cchc.reporting.widgets import QuickSelect
from cchc.scheduling.models import Obligation
from cchc.scheduling.periods import periods_for
from cchc.scheduling.workdays import WorkCalendar

pytestmark = pytest.mark.django_db


BEFORE = Path(__file__).parent / "rows_before"


def loop(name: str) -> str:
    """A row loop of the templates before the rows were drawn in Python."""
    return (BEFORE / f"{name}.html").read_text(encoding="utf-8")


def drawn(markup: str) -> str:
    """The markup without the whitespace between tags (the templates' indentation)."""
    return re.sub(r">\s+<", "><", str(markup)).strip()


def template_rows(name: str, **context: object) -> str:
    source = "{% load i18n %}" + loop(name)
    return drawn(engines["django"].from_string(source).render(context))


def submitted(obligation: Obligation, focal: User, **fields: object) -> None:
    report = start_report(obligation=obligation, user=focal)
    report = save_draft(
        report=report,
        user=focal,
        expected_version=report.version,
        work_status=fields.get("work_status", "in_progress"),
        percent=fields.get("percent", 40),
        narrative="Đã triển khai.",
        explanation="Chờ số liệu.",
    )
    submit_report(report=report, user=focal, expected_version=report.version)


@pytest.fixture
def states(plan, people):  # noqa: F811
    """Obligations of Sở Tư pháp in every state "my reports" shows: returned, draft, late
    without a report, submitted (left out) and one not yet due."""
    focal = people["focal"]
    leads = list(
        Obligation.objects.filter(
            activity__plan=plan, agency__code="bg.so-tu-phap", role="lead"
        ).order_by("deadline", "pk")[:4]
    )
    submitted(leads[0], focal)
    report = selectors.report_of(leads[0])
    assert report is not None
    return_report(report=report, user=people["secretariat"], comment="Bổ sung.")
    start_report(obligation=leads[1], user=focal)
    submitted(leads[2], focal, percent=90)
    return leads


@pytest.mark.parametrize("language", ["vi", "en"])
def test_my_reports_rows_are_the_template_rows(states, people, language):  # noqa: F811
    with translation.override(language):
        for who in ("focal", "other"):
            on = common.today()
            qs = selectors.my_obligations(user=people[who], on=on)
            rows = selectors.my_rows(list(qs), on=on, calendar=WorkCalendar())
            items = MineItem.read(qs.values_list(*MineItem.FIELDS), on=on, calendar=WorkCalendar())
            assert rows and len(items) == len(rows)
            assert [(i.row.obligation.pk, i.row.overdue_days, i.report_state) for i in items] == [
                (r.row.obligation.pk, r.row.overdue_days, r.report_state) for r in rows
            ]
            assert drawn(MineRows().rows(items)) == template_rows("mine", rows=rows)


def test_review_rows_are_the_template_rows(states, people):  # noqa: F811
    submitted(states[3], people["focal"])
    reports = list(selectors.awaiting_review())
    assert len(reports) == 2
    rows = ReviewRow.read(selectors.awaiting_review().values_list(*ReviewRow.FIELDS))
    assert [r.pk for r in rows] == [r.pk for r in reports]
    for language in ("vi", "en"):
        with translation.override(language):
            assert drawn(ReviewRows().rows(rows)) == template_rows("review", reports=reports)


@pytest.mark.parametrize(("remind", "review"), [(True, True), (False, False)])
def test_grid_rows_are_the_template_rows(states, people, remind, review):  # noqa: F811
    period = next(p for p in periods_for(2024) if p.kind == "quarter" and p.number == 1)
    grid = grid_selectors.status_grid(
        period=period, on=common.today(), filters=grid_selectors.GridFilters()
    )
    assert grid.rows
    context = {
        "count_query": "?year=2024&period=quarter-1&",
        "can_remind": remind,
        "can_review": review,
        "year": 2024,
        "period_key": "quarter-1",
    }
    ours = GridRows(**context).rows(grid.rows)
    assert drawn(ours) == template_rows("grid", grid=grid, **context)
    ids = grid.ids(agency_id=None, kind=grid_selectors.ALL)
    listed = grid_selectors.listed(grid=grid, ids=ids)
    assert {item.report is None for item in listed} == {True, False}
    assert drawn(ListedRows().rows(listed)) == template_rows("listed", list_rows=listed)


def test_my_reports_counts_what_waits(states, people):  # noqa: F811
    client = as_user(people["focal"])
    page = client.get(reverse("reporting:mine"))
    counts = {key: n for key, _label, n in page.context["counts"]}
    # All of 2024 is past: the returned report, then every other one not sent is overdue.
    assert counts["returned"] == 1
    total = page.context["page"].paginator.count
    assert total == counts["returned"] + counts["late"] + counts.get("open", 0)
    assert total == selectors.my_obligations(user=people["focal"], on=common.today()).count()
    html = page.content.decode()
    assert 'id="mine-counts"' in html and 'href="?state=returned"' in html
    returned = client.get(reverse("reporting:mine"), {"state": "returned"})
    assert [k for k, _label, _n in returned.context["counts"]] == ["returned"]


def test_cut_is_truncatechars():
    texts = [
        "Hoàn thiện thể chế về cải cách hành chính " * 6,
        unicodedata.normalize("NFD", "Hoàn thiện thể chế " * 12),
        "ngắn",
        "x" * 140,
        "x" * 141,
        "e\u0301" * 200,
    ]
    for text in texts:
        for length in (1, 2, 139, 140, 160):
            assert cut(text, length) == truncatechars(text, length)


def test_quick_select_is_django_s_select():
    choices = [("", "Tất cả"), (1, "Sở <Tư pháp>"), (2, "B & C"), (3, "B")]
    for value in (None, "", 2, "3", 9):
        ours = QuickSelect({"class": "form-select"}, choices=choices)
        django = forms.Select({"class": "form-select"}, choices=choices)
        attrs = {"id": "grid_area"}
        assert drawn(ours.render("area", value, attrs)) == drawn(
            django.render("area", value, attrs)
        ).replace("\n", "")


def test_the_navigation_shows_each_change_at_once(plan, people, obligation):  # noqa: F811
    """The bar is kept per language, user and counts: a report submitted shows in the
    secretariat's count on the next page, each user sees their own name, the language
    chosen is the bar's, and its forms carry a CSRF token that works."""
    snv = Client(enforce_csrf_checks=True)
    snv.force_login(people["secretariat"])
    page = snv.get(reverse("plans:plan_list")).content.decode()
    assert re.search(r'id="nav-review-count">0<', page)
    assert people["secretariat"].get_username() in page
    submitted(obligation, people["focal"])
    page = snv.get(reverse("plans:plan_list")).content.decode()
    assert re.search(r'id="nav-review-count">1<', page)
    other = as_user(people["leader"]).get(reverse("plans:plan_list")).content.decode()
    assert people["leader"].get_username() in other
    assert people["secretariat"].get_username() not in other
    snv.cookies["django_language"] = "en"
    english = snv.get(reverse("plans:plan_list")).content.decode()
    assert "Log out" in english and "To review" in english
    # The language form returns to the page it was on; the logout form's token is valid.
    assert (
        'name="next" type="hidden" value="/plans/?a=1&amp;b=%3C"'
        in snv.get(reverse("plans:plan_list") + "?a=1&b=%3C").content.decode()
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', english)
    assert token is not None
    response = snv.post(reverse("logout"), {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
