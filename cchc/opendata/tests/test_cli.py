"""``cchc opendata release`` builds the same draft as the page."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from cchc.cli import GROUPS
from cchc.opendata.models import Release, ReleaseState
from cchc.opendata.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_cli_builds_a_draft(world: World) -> None:
    assert GROUPS[("opendata", "release")] == "opendata_release"
    out = io.StringIO()
    argv = ["--period", "quarter-2", "--year", "2024", "--user", "snv-builder"]
    call_command("opendata_release", *argv, stdout=out)
    release = Release.objects.get()
    assert release.state == ReleaseState.DRAFT and release.built_by == world.builder
    assert release.period_label == "Quý II/2024"
    assert "plan_nodes: 10" in out.getvalue()


def test_cli_refuses_an_unknown_period(world: World) -> None:
    with pytest.raises(CommandError, match="month-13"):
        call_command("opendata_release", "--period", "month-13", "--year", "2024")
    assert not Release.objects.exists()
