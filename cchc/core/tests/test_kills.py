"""A process killed (SIGKILL: no cleanup, no rollback of its own) during a plan import's
storing transaction leaves no partial plan, and the import run again succeeds. The child
process stops itself at a chosen point inside the transaction (after the N-th statement, or
just before COMMIT) and says so; this test then kills it. SQLite here; PostgreSQL when the
tests run with DATABASE_URL (the child uses the same test database)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from cchc.conftest import REPO_ROOT, SEED_PLAN
from cchc.plans.models import Node, Plan, PlanImport

pytestmark = pytest.mark.django_db(transaction=True)

CHILD = r"""
import os, sys, time
import django
django.setup()
from django.core.management import call_command
from django.db import connection

stop_at = sys.argv[2]
count = 0

def halt(where):
    print("STOPPED " + where, flush=True)
    time.sleep(600)

def wrapper(execute, sql, params, many, context):
    global count
    if connection.in_atomic_block:
        count += 1
        if stop_at != "commit" and count == int(stop_at):
            result = execute(sql, params, many, context)
            halt(sql.split()[0])
            return result
    return execute(sql, params, many, context)

if stop_at == "commit":
    original = connection._commit
    def _commit():
        halt("COMMIT")
        return original()
    connection._commit = _commit

with connection.execute_wrapper(wrapper):
    call_command("import_plan", sys.argv[1])
print("FINISHED", flush=True)
"""


def _child_env(tmp_path: Path) -> dict[str, str]:
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings_dict['NAME']}"
    else:
        auth = settings_dict["USER"] or ""
        if settings_dict.get("PASSWORD"):
            auth += f":{settings_dict['PASSWORD']}"
        url = (
            f"postgres://{auth}@{settings_dict['HOST'] or 'localhost'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cchc.settings",
            "CCHC_ALLOW_EPHEMERAL_SECRET": "1",
            "CCHC_DATA_DIR": str(tmp_path),
            "DATABASE_URL": url,
        }
    )
    return env


def _import(env: dict[str, str], stop_at: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(SEED_PLAN), stop_at],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _stopped(child: subprocess.Popen[str]) -> bool:
    """Whether the child says it stopped inside the transaction (its progress lines first)."""
    assert child.stdout is not None
    return any(line.startswith("STOPPED") for line in child.stdout)


def test_killed_imports_leave_no_partial_plan_and_the_retry_succeeds(tmp_path: Path):
    env = _child_env(tmp_path)
    # Early (the plan row), between the nodes' inserts (one per depth, and more where SQLite
    # splits one into batches: the 5th statement is the second on both databases), and with
    # everything written but the COMMIT not yet sent. The whole import of the seed is about
    # 35 statements: a stop past them would never be reached.
    for stop_at in ("2", "5", "commit"):
        child = _import(env, stop_at)
        try:
            assert _stopped(child), child.stderr.read() if child.stderr else ""
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        assert (Plan.objects.count(), Node.objects.count(), PlanImport.objects.count()) == (
            0,
            0,
            0,
        ), f"a partial plan after a kill at {stop_at}"
    child = _import(env, "0")  # no stop: the retry
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    assert "FINISHED" in out
    plan = Plan.objects.get()
    assert plan.nodes.count() > 100
    assert PlanImport.objects.filter(plan=plan).count() == 1
