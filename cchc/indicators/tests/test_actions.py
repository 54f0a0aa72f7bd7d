"""Proposals stored idempotently, the secretariat's decisions, values validated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from cchc.accounts.models import Role
from cchc.agencies.models import Agency, AgencyLevel
from cchc.conftest import member
from cchc.indicators.actions import (
    TARGET_KINDS,
    IndicatorError,
    MeasurementError,
    PeriodOf,
    change_indicator,
    confirm_target,
    edit_target,
    propose_plan_targets,
    propose_targets,
    record_measurement,
    reject_target,
)
from cchc.indicators.extraction import ProposedTarget
from cchc.indicators.models import (
    ChangeAction,
    Indicator,
    IndicatorChange,
    Measurement,
    MeasurementSource,
    Target,
    TargetChange,
    TargetState,
)
from cchc.plans.models import Node, NodeKind, Plan

pytestmark = pytest.mark.django_db

ONLINE = ProposedTarget(
    indicator="tthc.dossiers_online",
    comparator=">=",
    value=50,
    value_max=None,
    unit="%",
    year=2025,
    scope=None,
    phrase="tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%",
    line=12,
)
PCI = ProposedTarget(
    indicator="index.pci_rank",
    comparator="top",
    value=15,
    value_max=None,
    unit="rank",
    year=2025,
    scope=None,
    phrase="nằm trong nhóm 15 tỉnh, thành phố dẫn đầu",
    line=80,
)
LEADERS = ProposedTarget(
    indicator=None,
    comparator="range",
    value=25,
    value_max=35,
    unit="%",
    year=2025,
    scope=None,
    phrase="25-35% lãnh đạo, quản lý",
    line=60,
)


@pytest.fixture
def node(small_plan: Plan) -> Node:
    return Node.objects.filter(plan=small_plan, kind=NodeKind.OBJECTIVE).first()  # type: ignore[return-value]


def states(node: Node) -> dict[str, str]:
    return {t.phrase: t.state for t in Target.objects.filter(node=node)}


def test_proposals_are_stored_as_proposed_with_history(node: Node, importer: User) -> None:
    result = propose_targets(node=node, proposals=[ONLINE, PCI, LEADERS], user=importer)
    assert result.as_dict() == {
        "created": 3,
        "kept": 0,
        "refreshed": 0,
        "removed": 0,
        "skipped": 0,
    }
    online = Target.objects.get(node=node, phrase=ONLINE.phrase)
    assert online.indicator is not None and online.indicator.code == "tthc.dossiers_online"
    assert (online.comparator, online.value, online.unit, online.year, online.scope) == (
        ">=",
        50,
        "%",
        2025,
        "",
    )
    assert online.source_line == 12
    assert online.state == TargetState.PROPOSED
    assert online.proposed == ONLINE.as_json()
    unmapped = Target.objects.get(node=node, phrase=LEADERS.phrase)
    assert unmapped.indicator is None and unmapped.value_max == 35
    assert TargetChange.objects.filter(action=ChangeAction.PROPOSED).count() == 3


def test_reimport_keeps_decisions_adds_new_and_drops_vanished_proposals(
    node: Node, importer: User
) -> None:
    propose_targets(node=node, proposals=[ONLINE, PCI, LEADERS], user=importer)
    online = Target.objects.get(node=node, phrase=ONLINE.phrase)
    edit_target(target=online, user=importer, value=55.0, reason="theo NQ")
    reject_target(
        target=Target.objects.get(node=node, phrase=PCI.phrase), user=importer, reason="x"
    )
    new = ProposedTarget(
        indicator="tthc.dossiers_online",
        comparator=">=",
        value=80,
        value_max=None,
        unit="%",
        year=2030,
        scope=None,
        phrase="tối thiểu 80% đến năm 2030",
        line=14,
    )
    # LEADERS (still proposed) vanished from the text; NEW appeared.
    result = propose_targets(node=node, proposals=[ONLINE, PCI, new], user=importer)
    assert result.as_dict() == {
        "created": 1,
        "kept": 2,
        "refreshed": 0,
        "removed": 1,
        "skipped": 0,
    }
    assert states(node) == {
        ONLINE.phrase: TargetState.CONFIRMED,
        PCI.phrase: TargetState.REJECTED,
        new.phrase: TargetState.PROPOSED,
    }
    assert Target.objects.get(node=node, phrase=ONLINE.phrase).value == 55  # the edit kept
    again = propose_targets(node=node, proposals=[ONLINE, PCI, new], user=importer)
    assert again.as_dict()["created"] == 0 and again.as_dict()["kept"] == 3


def test_impossible_proposals_are_skipped(node: Node) -> None:
    bad = ProposedTarget(
        indicator=None,
        comparator=">=",
        value=130,
        value_max=None,
        unit="%",
        year=2025,
        scope=None,
        phrase="130%",
        line=1,
    )
    assert propose_targets(node=node, proposals=[bad], user=None).skipped == 1
    assert not Target.objects.exists()


def test_the_plan_import_calls_the_extractor(
    small_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cchc.indicators.extraction as extraction

    def fake(text: str, *, line: int | None = None, default_year: int | None = None):
        return [ONLINE] if "Hoàn thiện thể chế" in text else []

    monkeypatch.setattr(extraction, "extract_targets", fake)
    result = propose_plan_targets(plan=small_plan, user=None)
    assert result.created == 1
    assert Target.objects.get().node.title.endswith("Hoàn thiện thể chế")


def test_a_plans_targets_are_proposed_in_statements_that_do_not_grow_with_its_rows(
    small_plan: Plan, monkeypatch: pytest.MonkeyPatch, django_assert_max_num_queries
) -> None:
    """Every objective, task and activity with a target: the plan's stored targets read in one
    statement, the new ones and their history rows written in one each; each row has its
    history row; a second run finds them all and writes nothing."""
    import cchc.indicators.extraction as extraction

    monkeypatch.setattr(extraction, "extract_targets", lambda text, **kw: [ONLINE, PCI])
    nodes = Node.objects.filter(plan=small_plan, kind__in=TARGET_KINDS).count()
    assert nodes >= 4
    # The lock and read of stored targets, the nodes, the indicators, two inserts (SQLite may
    # split an insert into batches: a few more).
    with django_assert_max_num_queries(8):
        result = propose_plan_targets(plan=small_plan, user=None)
    assert result.created == 2 * nodes
    targets = Target.objects.filter(node__plan=small_plan)
    assert targets.count() == 2 * nodes
    assert all(t.state == TargetState.PROPOSED for t in targets)
    assert (
        TargetChange.objects.filter(
            target__node__plan=small_plan, action=ChangeAction.PROPOSED
        ).count()
        == 2 * nodes
    )
    # The transaction's savepoint and its release, the targets, the nodes, the indicators.
    with django_assert_max_num_queries(5):
        again = propose_plan_targets(plan=small_plan, user=None)
    assert (again.created, again.kept) == (0, 2 * nodes)


def test_confirm_needs_an_indicator_and_edit_checks_numbers(node: Node, importer: User) -> None:
    propose_targets(node=node, proposals=[LEADERS, ONLINE], user=importer)
    leaders = Target.objects.get(phrase=LEADERS.phrase)
    with pytest.raises(IndicatorError, match="Indicator"):
        confirm_target(target=leaders, user=importer)
    online = Target.objects.get(phrase=ONLINE.phrase)
    with pytest.raises(IndicatorError, match="100"):
        edit_target(target=online, user=importer, value=130.0)
    with pytest.raises(IndicatorError, match="Upper value"):
        edit_target(target=online, user=importer, value_max=60.0)
    assert Target.objects.get(pk=online.pk).value == 50
    intl = Indicator.objects.get(code="staff.leaders_international")
    confirmed = edit_target(target=leaders, user=importer, indicator=intl)
    assert confirmed.state == TargetState.CONFIRMED and confirmed.decided_by == importer
    step = TargetChange.objects.filter(target=leaders).last()
    assert step is not None and step.action == ChangeAction.EDITED
    assert step.changes["indicator"] == {"from": None, "to": "staff.leaders_international"}


def test_change_indicator_writes_history(importer: User) -> None:
    ind = Indicator.objects.get(code="tthc.dossiers_online")
    change_indicator(indicator=ind, user=importer, tolerance=3, reason="ít dung sai hơn")
    ind.refresh_from_db()
    assert ind.tolerance == 3
    change = IndicatorChange.objects.filter(indicator=ind, action=ChangeAction.CHANGED).get()
    assert change.changes == {"tolerance": {"from": "5.00", "to": 3}}
    assert change.actor == importer


YEAR_2024 = PeriodOf("year", "Năm 2024", dt.date(2023, 12, 15), dt.date(2024, 12, 14))


@pytest.fixture
def confirmed(node: Node, importer: User) -> Target:
    propose_targets(node=node, proposals=[ONLINE], user=importer)
    return confirm_target(target=Target.objects.get(), user=importer)


@pytest.fixture
def agency(db: None) -> Agency:
    return Agency.objects.create(
        code="test.so-tu-phap", name="Sở Tư pháp", level=AgencyLevel.DEPARTMENT
    )


@pytest.mark.parametrize(
    ("value", "period", "message"),
    [
        ("năm mươi", YEAR_2024, "is not a number"),
        ("130", YEAR_2024, "between 0 and 100%"),
        ("-3", YEAR_2024, "between 0 and 100%"),
        ("", YEAR_2024, "choose “no data”"),
        (
            "40",
            PeriodOf("year", "Năm 2027", dt.date(2026, 12, 15), dt.date(2027, 12, 14)),
            "outside the target's span",
        ),
        (
            "40",
            PeriodOf("year", "Năm 2019", dt.date(2018, 12, 15), dt.date(2019, 12, 14)),
            "outside the target's span",
        ),
    ],
)
def test_bad_values_are_refused_with_a_clear_message_and_nothing_stored(
    confirmed: Target, agency: Agency, value: str, period: PeriodOf, message: str
) -> None:
    focal = member("focal", Role.FOCAL_POINT, agency)
    with pytest.raises(MeasurementError, match=message):
        record_measurement(
            indicator=confirmed.indicator,  # type: ignore[arg-type]
            target=confirmed,
            user=focal,
            period=period,
            value=value,
            agency_id=agency.pk,
            source=MeasurementSource.IMPORT,
        )
    assert not Measurement.objects.exists()


def test_values_for_another_agency_are_refused(confirmed: Target, agency: Agency) -> None:
    other = Agency.objects.create(
        code="test.so-tai-chinh", name="Sở Tài chính", level=AgencyLevel.DEPARTMENT
    )
    focal = member("focal", Role.FOCAL_POINT, other)
    with pytest.raises(MeasurementError, match="own agency"):
        record_measurement(
            indicator=confirmed.indicator,  # type: ignore[arg-type]
            target=confirmed,
            user=focal,
            period=YEAR_2024,
            value="45,5",
            agency_id=agency.pk,
            source=MeasurementSource.IMPORT,
        )
    assert not Measurement.objects.exists()


def test_a_value_and_a_no_data_are_stored(confirmed: Target, agency: Agency) -> None:
    focal = member("focal", Role.FOCAL_POINT, agency)
    m = record_measurement(
        indicator=confirmed.indicator,  # type: ignore[arg-type]
        target=confirmed,
        user=focal,
        period=YEAR_2024,
        value="45,5",
        agency_id=agency.pk,
        source=MeasurementSource.IMPORT,
    )
    assert (m.value, m.entered_by, m.period_label) == (45.5, focal, "Năm 2024")
    none = record_measurement(
        indicator=confirmed.indicator,  # type: ignore[arg-type]
        target=confirmed,
        user=focal,
        period=YEAR_2024,
        value=None,
        no_data_reason="Chưa có số liệu thống kê",
        agency_id=agency.pk,
        source=MeasurementSource.IMPORT,
    )
    assert none.value is None and none.no_data_reason


def test_reimporting_the_seed_keeps_decisions(
    importer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook in ``import_plan``: the seed imported twice with a stand-in extractor."""
    import cchc.indicators.extraction as extraction
    from cchc.conftest import import_seed

    def fake(
        text: str, *, line: int | None = None, default_year: int | None = None
    ) -> list[ProposedTarget]:
        if "hồ sơ" in text and "trực tuyến" in text:
            return [ONLINE, LEADERS]
        return []

    monkeypatch.setattr(extraction, "extract_targets", fake)
    plan = import_seed(importer)
    targets = Target.objects.filter(node__plan=plan)
    assert targets.count() >= 2
    first = targets.filter(phrase=ONLINE.phrase).first()
    assert first is not None
    confirm_target(target=first, user=importer)
    reject_target(target=targets.filter(phrase=LEADERS.phrase).first(), user=importer)  # type: ignore[arg-type]
    count = targets.count()
    import_seed(importer)
    assert Target.objects.filter(node__plan=plan).count() == count
    first.refresh_from_db()
    assert first.state == TargetState.CONFIRMED
    assert Target.objects.filter(state=TargetState.REJECTED).count() == 1


def test_a_share_with_its_counts_stores_both_and_computes_the_value(
    confirmed: Target, agency: Agency
) -> None:
    focal = member("focal", Role.FOCAL_POINT, agency)
    m = record_measurement(
        indicator=confirmed.indicator,  # type: ignore[arg-type]
        target=confirmed,
        user=focal,
        period=YEAR_2024,
        value=None,
        numerator="912",
        denominator="1000",
        agency_id=agency.pk,
        source=MeasurementSource.IMPORT,
    )
    m.refresh_from_db()
    assert (m.value, m.numerator, m.denominator) == (91.2, 912, 1000)


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "message"),
    [
        (None, "912", None, "Denominator: give it with the numerator"),
        (None, None, "1000", "Numerator: give it with the denominator"),
        (None, "12", "0", "Denominator: must be greater than 0"),
        (None, "1200", "1000", "cannot exceed the denominator"),
        (None, "-1", "10", "Numerator: cannot be negative"),
        ("50", "912", "1000", "does not agree with 912 of 1000"),
    ],
)
def test_bad_counts_are_refused_and_nothing_stored(
    confirmed: Target,
    agency: Agency,
    value: str | None,
    numerator: str | None,
    denominator: str | None,
    message: str,
) -> None:
    focal = member("focal", Role.FOCAL_POINT, agency)
    with pytest.raises(MeasurementError, match=message):
        record_measurement(
            indicator=confirmed.indicator,  # type: ignore[arg-type]
            target=confirmed,
            user=focal,
            period=YEAR_2024,
            value=value,
            numerator=numerator,
            denominator=denominator,
            agency_id=agency.pk,
            source=MeasurementSource.IMPORT,
        )
    assert not Measurement.objects.exists()


def test_the_database_refuses_counts_that_do_not_make_a_share(
    confirmed: Target, agency: Agency
) -> None:
    from django.db import IntegrityError, transaction

    fields = {
        "indicator": confirmed.indicator,
        "scope": "",
        "period_kind": "year",
        "period_label": "Năm 2024",
        "period_start": YEAR_2024.start,
        "period_end": YEAR_2024.end,
        "source": MeasurementSource.IMPORT,
    }
    for bad in ({"numerator": 5, "denominator": None}, {"numerator": 11, "denominator": 10}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Measurement.objects.create(value=50, **fields, **bad)
    Measurement.objects.create(value=50, numerator=5, denominator=10, **fields)
