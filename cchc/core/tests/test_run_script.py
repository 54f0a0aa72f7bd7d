"""``scripts/run`` imports the seed plan once, and the import generates the plan's reporting
obligations and says so: nothing generates them a second time, nothing prints it twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from cchc.agencies.registry import load_registry
from cchc.agencies.tests.conftest import MINI
from cchc.conftest import REPO_ROOT, SEED_PLAN
from cchc.scheduling.models import Obligation


def _commands() -> list[str]:
    """The lines of scripts/run that run a cchc command (comments left out)."""
    lines = (REPO_ROOT / "scripts" / "run").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if '"${CCHC[@]}"' in line and not line.lstrip().startswith("#")]


def test_scripts_run_generates_the_obligations_only_through_the_import():
    commands = _commands()
    assert sum("import-plan" in line for line in commands) == 1
    assert not [line for line in commands if "obligations" in line]


@pytest.mark.django_db
def test_the_import_generates_the_obligations_and_says_so_once():
    load_registry(path=MINI)
    out = StringIO()
    call_command("import_plan", str(SEED_PLAN), stdout=out, stderr=StringIO())
    assert Obligation.objects.exists()
    assert out.getvalue().count("cchc obligations generate") == 1
