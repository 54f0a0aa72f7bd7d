"""The open-data world: a public plan and a hidden one (each with a target), a public
indicator and a hidden one (each with values), two secretariat members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from cchc.accounts.models import Role
from cchc.conftest import build_small_plan, member, secretariat_agency
from cchc.indicators.models import Indicator, Measurement, MeasurementSource, Target, TargetState
from cchc.opendata.actions import set_publication
from cchc.opendata.models import Subject
from cchc.plans.models import Node, NodeKind, Plan

HIDDEN_PLAN = "KẾ HOẠCH CHƯA CÔNG KHAI ZETA"
HIDDEN_TARGET = "chỉ tiêu bí mật omega"
HIDDEN_INDICATOR = "Chỉ số chưa công khai sigma"
PUBLIC_INDICATOR = "Tỷ lệ hồ sơ giải quyết đúng hạn (công khai)"


@dataclass
class World:
    plan: Plan
    hidden_plan: Plan
    indicator: Indicator
    hidden_indicator: Indicator
    target: Target
    hidden_target: Target
    builder: User
    approver: User


def _target(plan: Plan, indicator: Indicator, phrase: str, scope: str) -> Target:
    node = Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).order_by("position").first()
    assert node is not None
    return Target.objects.create(
        indicator=indicator,
        node=node,
        comparator=">=",
        value=95,
        unit="%",
        year=2025,
        scope=scope,
        state=TargetState.CONFIRMED,
        phrase=phrase,
        match_key=phrase[:64],
    )


def _values(indicator: Indicator, scope: str) -> None:
    for month, value in ((3, 90.0), (6, 93.5)):
        Measurement.objects.create(
            indicator=indicator,
            scope=scope,
            period_kind="quarter",
            period_label=f"Quý {month // 3}/2024",
            period_start=dt.date(2024, month - 2, 1),
            period_end=dt.date(2024, month, 14),
            value=value,
            source=MeasurementSource.IMPORT,
        )
    Measurement.objects.create(
        indicator=indicator,
        scope=scope,
        period_kind="quarter",
        period_label="Quý 3/2024",
        period_start=dt.date(2024, 7, 1),
        period_end=dt.date(2024, 9, 14),
        no_data_reason="Chưa tổng hợp",
        source=MeasurementSource.IMPORT,
    )


def build_world() -> World:
    plan = build_small_plan()
    hidden_plan = build_small_plan(title=HIDDEN_PLAN, number="77/KH-UBND")
    indicator = Indicator.objects.create(code="od.public", name=PUBLIC_INDICATOR, unit="%")
    hidden_indicator = Indicator.objects.create(code="od.hidden", name=HIDDEN_INDICATOR, unit="%")
    _values(indicator, "tỉnh")
    _values(hidden_indicator, "tỉnh")
    target = _target(plan, indicator, "đạt trên 95% hồ sơ đúng hạn", "tỉnh")
    hidden_target = _target(hidden_plan, hidden_indicator, HIDDEN_TARGET, HIDDEN_TARGET)
    builder = member("snv-builder", Role.SECRETARIAT, secretariat_agency())
    approver = member("snv-approver", Role.SECRETARIAT, secretariat_agency())
    set_publication(subject=Subject.PLAN, plan=plan, public=True, user=builder)
    set_publication(subject=Subject.TARGETS, plan=plan, public=True, user=builder)
    set_publication(subject=Subject.INDICATOR, indicator=indicator, public=True, user=builder)
    # Published once, then hidden again: the latest decision holds.
    set_publication(subject=Subject.PLAN, plan=hidden_plan, public=True, user=builder)
    set_publication(subject=Subject.PLAN, plan=hidden_plan, public=False, user=builder)
    return World(
        plan, hidden_plan, indicator, hidden_indicator, target, hidden_target, builder, approver
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()
