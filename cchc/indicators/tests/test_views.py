"""The indicator pages end to end: what each role sees, the review's three posts, the
behind-schedule list, the value import (CSV and XLSX read back), query counts."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.indicators.actions import PeriodOf, record_measurement
from cchc.indicators.models import (
    Indicator,
    Measurement,
    MeasurementSource,
    Target,
    TargetChange,
    TargetState,
)
from cchc.indicators.tests.conftest import as_user
from cchc.plans.models import Node, NodeKind

pytestmark = pytest.mark.django_db

DETAIL = reverse("indicators:detail", args=["tthc.dossiers_online"])
Q1 = PeriodOf("quarter", "Quý I/2024", dt.date(2023, 12, 15), dt.date(2024, 3, 14))


Q2 = PeriodOf("quarter", "Quý II/2024", dt.date(2024, 3, 15), dt.date(2024, 6, 14))


def value(
    target: Target, number: float, user: User | None = None, period: PeriodOf = Q1
) -> Measurement:
    assert target.indicator is not None
    return record_measurement(
        indicator=target.indicator,
        target=target,
        user=user,
        period=period,
        value=number,
        source=MeasurementSource.IMPORT,
    )


def test_the_target_sits_on_an_objective(target: Target) -> None:
    assert target.node.kind == NodeKind.OBJECTIVE


def test_catalogue_and_indicator_pages_for_every_logged_in_user(
    people: dict[str, User], target: Target, django_assert_max_num_queries: Any
) -> None:
    value(target, 25)
    client = as_user(people["nobody"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("indicators:list"))
    assert response.status_code == 200
    assert b"tthc.dossiers_online" in response.content
    assert b"index.pci_rank" in response.content
    with django_assert_max_num_queries(10):
        response = client.get(DETAIL)
    page = response.content.decode()
    assert "76/NQ-CP" in page  # the legal source
    assert 'id="chart-data"' in page and "vendor/echarts/echarts.min.js" in page
    assert 'id="value-table"' in page and "Quý I/2024" in page  # the table alternative
    assert 'data-status="off_track"' in page  # 25 % against 38.7 % expected
    assert "<script>" not in page  # CSP: no inline script
    assert client.get(reverse("indicators:detail", args=["no.such"])).status_code == 404


def test_query_counts_do_not_grow_with_values(
    people: dict[str, User], target: Target, django_assert_max_num_queries: Any
) -> None:
    client = as_user(people["leader"])
    for _i in range(5):
        Measurement.objects.create(
            indicator=Indicator.objects.get(code="tthc.dossiers_online"),
            target=target,
            period_kind="quarter",
            period_label="Quý I/2024",
            period_start=Q1.start,
            period_end=Q1.end,
            value=30,
            source=MeasurementSource.IMPORT,
        )
    with django_assert_max_num_queries(10):
        assert client.get(DETAIL).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("indicators:behind")).status_code == 200


def test_behind_lists_off_track_targets_with_their_agencies(
    people: dict[str, User], target: Target
) -> None:
    value(target, 25)
    response = as_user(people["leader"]).get(reverse("indicators:behind"))
    page = response.content.decode()
    assert f'id="target-{target.pk}"' in page
    assert 'data-status="off_track"' in page
    assert "Sở Tư pháp" in page  # leads the objective's row-2 activity
    assert as_user(people["focal"]).get(reverse("indicators:behind")).status_code == 403
    value(target, 50, period=Q2)  # met: no longer listed
    page = as_user(people["leader"]).get(reverse("indicators:behind")).content.decode()
    assert f'id="target-{target.pk}"' not in page


@pytest.fixture
def proposed(target: Target) -> Target:
    return Target.objects.create(
        indicator=None,
        node=target.node,
        comparator="range",
        value=25,
        value_max=35,
        unit="%",
        year=2025,
        phrase="25-35% lãnh đạo, quản lý",
        match_key="p1",
    )


def test_review_confirm_edit_reject(people: dict[str, User], proposed: Target) -> None:
    client = as_user(people["secretariat"])
    page = client.get(reverse("indicators:review")).content.decode()
    assert "25-35% lãnh đạo, quản lý" in page
    area = proposed.node.area_id
    assert client.get(reverse("indicators:review"), {"area": str(area)}).status_code == 200
    # Confirming without an indicator is refused with the reason.
    response = client.post(reverse("indicators:target_confirm", args=[proposed.pk]), follow=True)
    assert any("Indicator" in str(m) or "Chỉ số" in str(m) for m in response.context["messages"])
    proposed.refresh_from_db()
    assert proposed.state == TargetState.PROPOSED
    # A correction with a share over 100 % stores nothing.
    bad = {
        "indicator": "staff.leaders_international",
        "comparator": "range",
        "unit": "%",
        "value": "25",
        "value_max": "135",
        "year": "2025",
    }
    client.post(reverse("indicators:target_edit", args=[proposed.pk]), bad)
    proposed.refresh_from_db()
    assert proposed.indicator is None and proposed.value_max == 35
    good = {**bad, "value_max": "35", "reason": "chỉ số năng lực quốc tế"}
    client.post(reverse("indicators:target_edit", args=[proposed.pk]), good)
    proposed.refresh_from_db()
    assert proposed.state == TargetState.CONFIRMED
    assert proposed.indicator == Indicator.objects.get(code="staff.leaders_international")
    client.post(reverse("indicators:target_reject", args=[proposed.pk]), {"reason": "trùng"})
    proposed.refresh_from_db()
    assert proposed.state == TargetState.REJECTED
    assert list(TargetChange.objects.filter(target=proposed).values_list("action", flat=True)) == [
        "edited",
        "rejected",
    ]
    # Nobody else decides.
    for who in ("focal", "leader", "nobody"):
        denied = as_user(people[who]).post(reverse("indicators:target_confirm", args=[proposed.pk]))
        assert denied.status_code == 403


def upload(client: Any, name: str, data: bytes, **extra: Any) -> Any:
    return client.post(
        reverse("indicators:import"), {"file": SimpleUploadedFile(name, data), **extra}
    )


CSV_GOOD = (
    "indicator,scope,period_kind,period_year,period_number,value,no_data_reason,agency,note\n"
    "tthc.dossiers_online,,year,2024,1,41.5,,bg.so-tu-phap,\n"
    "tthc.dossiers_online,level:commune,year,2024,1,,Chưa thống kê,,\n"
)
CSV_BAD = CSV_GOOD + (
    "tthc.dossiers_online,,year,2024,1,abc,,,\n"
    "tthc.dossiers_online,,year,2024,1,130,,,\n"
    "no.such,,year,2024,1,5,,,\n"
    "tthc.dossiers_online,,quarter,2024,7,5,,,\n"
)


def test_import_csv_reads_back_and_a_file_with_errors_stores_nothing(
    people: dict[str, User], target: Target
) -> None:
    client = as_user(people["secretariat"])
    response = upload(client, "values.csv", CSV_BAD.encode())
    assert response.status_code == 400
    assert not Measurement.objects.exists()
    errors = [(e.line, e.column) for e in response.context["outcome"].errors]
    assert errors == [(4, "value"), (5, "value"), (6, "indicator"), (7, "period_number")]
    page = response.content.decode()
    assert 'id="import-errors"' in page and "130" in page

    response = upload(client, "values.csv", CSV_BAD.encode(), skip_bad_rows="on")
    assert response.status_code == 200
    assert Measurement.objects.count() == 2
    stored = Measurement.objects.get(scope="")
    assert (stored.value, stored.agency.code, stored.period_label) == (
        41.5,
        "bg.so-tu-phap",
        "Năm 2024",
    )
    assert Measurement.objects.get(scope="level:commune").no_data_reason == "Chưa thống kê"
    # The same file again replaces, not duplicates.
    upload(client, "values.csv", CSV_GOOD.encode())
    assert Measurement.objects.count() == 2
    assert as_user(people["focal"]).get(reverse("indicators:import")).status_code == 403


def test_xlsx_template_filled_and_imported(people: dict[str, User], target: Target) -> None:
    client = as_user(people["secretariat"])
    response = client.get(reverse("indicators:template_xlsx", args=["tthc.dossiers_online"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:3] == ["indicator", "scope", "period_kind"]
    sheet["F2"] = 47
    out = io.BytesIO()
    book.save(out)
    response = upload(client, "values.xlsx", out.getvalue())
    assert response.status_code == 200, response.context["outcome"].errors
    m = Measurement.objects.get()
    assert (m.value, m.period_label, m.entered_by) == (47, "Năm 2024", people["secretariat"])
    csv = client.get(reverse("indicators:template_csv", args=["tthc.dossiers_online"]))
    assert csv.content.decode("utf-8-sig").startswith("indicator,scope,period_kind")


def test_import_refuses_what_is_not_a_table(people: dict[str, User]) -> None:
    client = as_user(people["secretariat"])
    response = upload(client, "values.xlsx", b"PK\x03\x04 not really")
    assert response.status_code == 400
    assert "XLSX" in response.content.decode()
    response = upload(client, "values.csv", b"a,b\n1,2\n")
    assert response.status_code == 400
    assert not Measurement.objects.exists()


def test_node_include_shows_badges(target: Target) -> None:
    from django.template import Context, Template

    html = Template('{% include "indicators/_node_targets.html" %}').render(
        Context({"node": target.node})
    )
    assert 'data-status="no_data"' in html
    assert 'href="/indicators/tthc.dossiers_online/"' in html
    assert target.describe() in html


def test_review_query_count_does_not_grow_with_targets(
    people: dict[str, User], proposed: Target, django_assert_max_num_queries: Any
) -> None:
    for n in range(10):
        Target.objects.create(
            indicator=None,
            node=proposed.node,
            comparator=">=",
            value=n,
            unit="%",
            year=2025,
            phrase=f"tối thiểu {n}%",
            match_key=f"more-{n}",
        )
    client = as_user(people["secretariat"])
    with django_assert_max_num_queries(9):
        response = client.get(reverse("indicators:review"))
    assert response.content.decode().count('class="card mb-3"') == 11


def test_admin_edits_write_the_history(superuser: User) -> None:
    from django.test import Client

    from cchc.indicators.models import IndicatorChange

    client = Client()
    client.force_login(superuser)
    indicator = Indicator.objects.get(code="index.sipas")
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "disaggregations": "[]",
            "tolerance": "3",
            "reason": "Theo hướng dẫn mới",
            "history-TOTAL_FORMS": "0",
            "history-INITIAL_FORMS": "0",
        }
    )
    data.pop("code", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    indicator.refresh_from_db()
    assert indicator.tolerance == 3
    change = IndicatorChange.objects.filter(indicator=indicator, action="changed").get()
    assert change.reason == "Theo hướng dẫn mới" and "tolerance" in change.changes


def test_import_with_counts_combines_agencies_as_a_ratio_of_sums(
    people: dict[str, User], target: Target
) -> None:
    from cchc.indicators.selectors import with_status

    client = as_user(people["secretariat"])
    rows = (
        "indicator,period_kind,period_year,value,agency,numerator,denominator\n"
        "tthc.dossiers_online,year,2024,,bg.so-tu-phap,300,1000\n"
        "tthc.dossiers_online,year,2024,,bg.so-tt-tt,10,10\n"
        "tthc.dossiers_online,year,2024,,bg.so-noi-vu,5,4\n"
    )
    response = upload(client, "values.csv", rows.encode())
    assert response.status_code == 400
    assert [(e.line, e.column) for e in response.context["outcome"].errors] == [(4, "numerator")]
    response = upload(client, "values.csv", rows.encode(), skip_bad_rows="on")
    assert response.status_code == 200
    assert sorted(m.value or 0 for m in Measurement.objects.all()) == [30.0, 100.0]
    [row] = with_status([target], dt.date(2025, 1, 1))
    assert row.assessment.actual == pytest.approx(100 * 310 / 1010)


def test_targets_and_values_are_read_in_the_admin_never_changed(
    superuser: User, target: Target
) -> None:
    from django.test import Client

    client = Client()
    client.force_login(superuser)
    listing = client.get(reverse("admin:indicators_target_changelist"))
    assert listing.status_code == 200 and "tthc.dossiers_online" in listing.content.decode()
    page = client.get(reverse("admin:indicators_target_change", args=[target.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:indicators_target_add")).status_code == 403
    assert client.get(reverse("admin:indicators_measurement_changelist")).status_code == 200
    assert client.get(reverse("admin:indicators_measurement_add")).status_code == 403


def test_activity_page_shows_a_target_as_soon_as_it_is_added(
    people: dict[str, User], target: Target
) -> None:
    """The activity page reads its targets only when its node's query says it has some
    (``targets_exist``): a target added, then rejected, shows and goes at once."""
    node = (
        Node.objects.filter(plan_id=target.node.plan_id, kind=NodeKind.ACTIVITY)
        .exclude(targets__isnull=False)
        .first()
    )
    assert node is not None
    client = as_user(people["nobody"])
    assert 'id="node-targets"' not in client.get(node.get_absolute_url()).content.decode()
    target.pk = None
    target.node = node
    target.save()
    page = client.get(node.get_absolute_url()).content.decode()
    assert 'id="node-targets"' in page and target.describe() in page
    Target.objects.filter(pk=target.pk).update(state=TargetState.REJECTED)
    assert 'id="node-targets"' not in client.get(node.get_absolute_url()).content.decode()
