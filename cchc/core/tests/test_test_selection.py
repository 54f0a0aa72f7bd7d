"""``--database-tests-only`` (CI's PostgreSQL run) keeps every test that reaches a database and
drops only those that cannot: the dropped ones ran on SQLite and read the same anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.db import connection
from django.test import SimpleTestCase, TransactionTestCase

from cchc.conftest import REPO_ROOT

HERE = "cchc/core/tests/test_test_selection.py"


def test_without_database() -> None:
    assert HERE.endswith(".py")


@pytest.mark.django_db
def test_marked() -> None:
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.fixture
def through_a_fixture(db: None) -> str:
    return connection.vendor


def test_through_a_fixture(through_a_fixture: str) -> None:
    assert through_a_fixture


@pytest.fixture
def with_the_blocker(django_db_setup: None, django_db_blocker: Any) -> str:
    with django_db_blocker.unblock():
        return connection.vendor


def test_with_the_blocker(with_the_blocker: str) -> None:
    assert with_the_blocker


class DjangoCaseWithDatabase(TransactionTestCase):
    def test_django_case(self) -> None:
        self.assertTrue(connection.vendor)


class DjangoCaseWithoutDatabase(SimpleTestCase):
    def test_simple_case(self) -> None:
        self.assertTrue(HERE)


def _collected(*options: str) -> set[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    run = subprocess.run(
        [*command, "-p", "no:randomly", *options, HERE],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return {line.split("::", 1)[1] for line in run.stdout.splitlines() if "::" in line}


def test_database_tests_only_keeps_the_tests_that_reach_a_database() -> None:
    everything = _collected()
    kept = _collected("--database-tests-only")
    assert kept == {
        "test_marked",
        "test_through_a_fixture",
        "test_with_the_blocker",
        "DjangoCaseWithDatabase::test_django_case",
    }
    assert everything - kept == {
        "test_without_database",
        "DjangoCaseWithoutDatabase::test_simple_case",
        "test_database_tests_only_keeps_the_tests_that_reach_a_database",
    }
