"""The activity page's group members (one query) follow the rule of ``group_list``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cchc.agencies.models import AgencyGroup
from cchc.agencies.selectors import _members_on, group_list

pytestmark = pytest.mark.usefixtures("mini_registry")


@pytest.mark.parametrize("on", [dt.date(2021, 9, 1), dt.date(2026, 1, 1)])
def test_members_in_one_query_are_those_of_group_list(
    on: dt.date, django_assert_num_queries: Any
) -> None:
    groups = {g.pk: (list(g.levels or []), g.parent_id) for g in AgencyGroup.objects.all()}
    assert groups
    expected = {row.group.pk: [a.pk for a in row.members] for row in group_list(on=on)}
    with django_assert_num_queries(1):
        got = _members_on(groups, on=on)
    assert {pk: [a.pk for a in members] for pk, members in got.items()} == expected
    assert any(expected.values())
