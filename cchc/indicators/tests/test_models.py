"""The catalogue shipped by the migration, and the database's own checks of targets and
measurements."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from cchc.indicators.catalogue import read_catalogue
from cchc.indicators.models import (
    Comparator,
    Indicator,
    IndicatorChange,
    Measurement,
    MeasurementSource,
    Target,
    TargetState,
    Unit,
)
from cchc.plans.models import Node, NodeKind, Plan

pytestmark = pytest.mark.django_db

CONTRACT_CODES = {
    "inst.legal_documents_appraised",
    "tthc.regulations_cut",
    "tthc.compliance_cost_cut",
    "tthc.results_digitised",
    "tthc.procedures_online",
    "tthc.procedures_on_national_portal",
    "tthc.dossiers_online",
    "tthc.dossiers_internal_electronic",
    "tthc.data_not_resubmitted",
    "tthc.procedures_online_payment",
    "tthc.payments_online",
    "tthc.satisfaction",
    "tthc.internal_procedures_published",
    "staff.leaders_trained_standard",
    "staff.promoted_by_position",
    "staff.leaders_international",
    "egov.databases_connected",
    "egov.people_e_payment_accounts",
    "egov.reports_online",
    "egov.agencies_open_data",
    "index.pci_rank",
    "index.par_index_rank",
    "index.papi_rank",
    "index.sipas",
    "index.pci_score",
    "index.par_index_score",
    "index.papi_score",
}


SERVICE_CODES = {"766.2.1", "766.3.3", "766.3.6", "766.4.1", "766.4.2", "766.4.3", "766.5.4"}


def test_the_migration_ships_the_contracts_catalogue() -> None:
    shipped = set(Indicator.objects.values_list("code", flat=True))
    # The catalogue file's, and the Decision 766 indicators of cchc.servicequality (0005).
    assert shipped == CONTRACT_CODES | SERVICE_CODES
    assert {row["code"] for row in read_catalogue()} == CONTRACT_CODES
    for indicator in Indicator.objects.all():
        assert indicator.definition, indicator.code
        assert indicator.legal_source, indicator.code
        assert indicator.valid_from == dt.date(2021, 1, 1)
    assert IndicatorChange.objects.filter(action="created").count() == len(shipped)
    ranks = Indicator.objects.filter(code__endswith="_rank")
    assert {i.unit for i in ranks} == {Unit.RANK}
    assert {i.direction for i in ranks} == {"lower"}
    assert Indicator.objects.get(code="index.sipas").unit == Unit.PERCENT
    legal = Indicator.objects.get(code="tthc.dossiers_online").legal_source
    assert "76/NQ-CP" in legal
    assert "766/QĐ-TTg" in legal
    assert "01/2023/TT-VPCP" in Indicator.objects.get(code="tthc.results_digitised").legal_source


@pytest.fixture
def node(db: None) -> Node:
    plan = Plan.objects.create(
        title="t", source_name="t.md", source_format="markdown", source_sha256="0" * 64
    )
    return Node.objects.create(plan=plan, kind=NodeKind.OBJECTIVE, key="o1", position=1, title="x")


def make_target(node: Node, **kw: Any) -> Target:
    values: dict[str, Any] = {
        "indicator": Indicator.objects.get(code="tthc.dossiers_online"),
        "node": node,
        "comparator": Comparator.AT_LEAST,
        "value": 50,
        "unit": Unit.PERCENT,
        "year": 2025,
        "phrase": "tối thiểu 50%",
        "match_key": str(kw.pop("key", "k")),
    }
    values.update(kw)
    return Target.objects.create(**values)


@pytest.mark.parametrize(
    "bad",
    [
        {"value_max": 60},  # an upper value without a range
        {"comparator": Comparator.RANGE},  # a range without its upper value
        {"comparator": Comparator.RANGE, "value": 35, "value_max": 25},  # upside down
        {"value": 130},  # a share over 100 %
        {"value": -1, "unit": Unit.COUNT},
        {"comparator": Comparator.TOP, "unit": Unit.PERCENT},  # top N is a rank
        {"comparator": Comparator.TOP, "unit": Unit.RANK, "value": 0},
        {"state": TargetState.CONFIRMED, "indicator": None},
        {"baseline": 30},  # a baseline without its year
        {"baseline": 30, "baseline_year": 2026},  # a baseline after the year due
        {"phrase": ""},
        {"year": 1999},
        {"state": "maybe"},
    ],
)
def test_target_constraints_refuse(node: Node, bad: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_target(node, **bad)


def test_target_constraints_accept_good_rows(node: Node) -> None:
    make_target(node, key="a")
    make_target(node, key="b", comparator=Comparator.RANGE, value=25, value_max=35)
    make_target(
        node,
        key="c",
        indicator=Indicator.objects.get(code="index.pci_rank"),
        comparator=Comparator.TOP,
        unit=Unit.RANK,
        value=15,
    )
    make_target(node, key="d", indicator=None, baseline=30, baseline_year=2021)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_target(node, key="a")  # the same proposal twice
    assert Target.objects.count() == 4


def measurement(**kw: Any) -> Measurement:
    values: dict[str, Any] = {
        "indicator": Indicator.objects.get(code="tthc.dossiers_online"),
        "period_kind": "year",
        "period_label": "Năm 2024",
        "period_start": dt.date(2023, 12, 15),
        "period_end": dt.date(2024, 12, 14),
        "source": MeasurementSource.IMPORT,
    }
    values.update(kw)
    return Measurement.objects.create(**values)


@pytest.mark.parametrize(
    "bad",
    [
        {},  # neither a value nor a reason
        {"value": 40, "no_data_reason": "chưa có số liệu"},  # both
        {"value": 40, "period_start": dt.date(2025, 1, 1)},  # ends before it starts
        {"value": 40, "source": MeasurementSource.REPORT},  # from a report, without the report
        {"value": 40, "source": "guess"},
    ],
)
def test_measurement_constraints_refuse(bad: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        measurement(**bad)


def test_measurement_value_or_no_data_with_reason() -> None:
    measurement(value=0)  # zero is a value
    measurement(no_data_reason="Chưa có hệ thống thống kê")
    assert Measurement.objects.count() == 2


def test_load_command_creates_only_what_is_missing() -> None:
    import io

    from django.core.management import call_command

    Indicator.objects.filter(code="index.papi_score").delete()
    kept = Indicator.objects.get(code="index.sipas")
    kept.tolerance = 2
    kept.save()
    out = io.StringIO()
    call_command("indicators", "load", stdout=out)
    assert out.getvalue().startswith("1 ")
    assert Indicator.objects.filter(code="index.papi_score").exists()
    assert Indicator.objects.get(code="index.sipas").tolerance == 2
    out = io.StringIO()
    call_command("indicators", "list", "--json", stdout=out)
    assert len(json.loads(out.getvalue())["indicators"]) == 34
