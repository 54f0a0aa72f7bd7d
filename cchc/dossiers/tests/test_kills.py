"""A process killed (SIGKILL: no cleanup, no rollback of its own) during a dossier batch
(``cchc dossiers ingest PATH``) leaves no partial write, and the same file ingested again
stores every row. The child stops itself inside the batch's transaction (after the N-th
statement, or just before COMMIT) and says so; this test then kills it. SQLite here;
PostgreSQL when the tests run with DATABASE_URL (the child uses the same test database), as
the plan import's kill test (cchc/core/tests/test_kills.py)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.conftest import REPO_ROOT
from cchc.core.tests.test_kills import _child_env
from cchc.dossiers.models import Dossier, DossierEvent, IngestOutcome, IngestRun
from cchc.dossiers.tests.conftest import csv_text, row
from cchc.servicequality.models import Rollup

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 1_000
# Several chunks (CCHC_INGEST_CHUNK), so a kill can fall between two of them.
CHUNK = "200"

CHILD = r"""
import sys, time
import django
django.setup()
from django.core.management import call_command
from django.db import connection

stop_at = sys.argv[2]
count = inserts = 0

def halt(where):
    print("STOPPED " + where, flush=True)
    time.sleep(600)

def wrapper(execute, sql, params, many, context):
    # "N": after the N-th statement of the transaction; "dossiers:N": after the N-th insert
    # of dossier rows (one per chunk), the same point on every database.
    global count, inserts
    if connection.in_atomic_block:
        count += 1
        inserts += sql.startswith('INSERT INTO "dossiers_dossier"')
        if stop_at.startswith("dossiers:"):
            reached = sql.startswith('INSERT INTO "dossiers_dossier"') and inserts == int(
                stop_at.split(":")[1]
            )
        else:
            reached = stop_at != "commit" and count == int(stop_at)
        if reached:
            result = execute(sql, params, many, context)
            halt(sql.split()[0])
            return result
    return execute(sql, params, many, context)

if stop_at == "commit":
    original = connection._commit
    def _commit():
        if connection.in_atomic_block or count:
            halt("COMMIT")
        return original()
    connection._commit = _commit

with connection.execute_wrapper(wrapper):
    call_command("dossier_ingest", sys.argv[1])
print("FINISHED", inserts, flush=True)
"""


def _ingest(env: dict[str, str], path: Path, stop_at: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), stop_at],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _stopped(child: subprocess.Popen[str]) -> str:
    """What the child stopped at inside the transaction ("" if it did not)."""
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("STOPPED"):
            return line.split()[1]
    return ""


def _stored() -> tuple[int, int, int, int]:
    return (
        Dossier.objects.count(),
        DossierEvent.objects.count(),
        IngestRun.objects.count(),
        Rollup.objects.count(),
    )


def test_killed_dossier_batches_leave_nothing_and_the_retry_stores_all(tmp_path: Path):
    rows = [
        row(MaHoSo=f"000.00.24.H01-260302-{n:04d}", NgayTiepNhan=f"{n % 28 + 1:02d}/02/2026 08:30")
        for n in range(ROWS)
    ]
    path = tmp_path / "hoso.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    env = _child_env(tmp_path) | {"CCHC_INGEST_CHUNK": CHUNK}
    # Early (the first rows), between chunks in the middle, and with every row and the run
    # written but the COMMIT not yet sent.
    for stop_at in ("2", "dossiers:2", "commit"):
        child = _ingest(env, path, stop_at)
        try:
            where = _stopped(child)
            assert where, child.stderr.read() if child.stderr else ""
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        assert _stored() == (0, 0, 0, 0), f"a partial batch after a kill at {stop_at} ({where})"
    child = _ingest(env, path, "0")  # no stop: the retry
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    assert "FINISHED" in out
    # The dossiers went in by chunks: the stop after the second was in the middle.
    assert int(out.split("FINISHED")[1].split()[0]) >= ROWS // int(CHUNK), out
    assert Dossier.objects.count() == ROWS
    run = IngestRun.objects.get()
    assert (run.outcome, run.created, run.received) == (IngestOutcome.DONE, ROWS, ROWS)
    # The same file again: every row known, nothing duplicated.
    again = _ingest(env, path, "0")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert Dossier.objects.count() == ROWS
    assert IngestRun.objects.order_by("-pk").values_list("unchanged", flat=True)[0] == ROWS
