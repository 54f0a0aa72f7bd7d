"""The versions bumped after the commit (``cchc.core.versions.bump_after_commit_once``): the
keys asked for in one atomic block share one callback, written in one statement; a key asked
for in an inner block has its own, dropped with that block if it rolls back; a key without its
row yet gets one."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from cchc.core import versions
from cchc.core.models import CacheVersion

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def _keys(callbacks: list[Any]) -> list[set[str]]:
    return [set(c.version_keys) for c in callbacks if hasattr(c, "version_keys")]


def test_the_keys_of_one_block_are_bumped_in_one_statement(
    django_capture_on_commit_callbacks: Any, django_assert_num_queries: Any
) -> None:
    versions.bump(versions.FIGURES_KEY)
    versions.bump(versions.LISTS_KEY)
    before = versions.current(versions.FIGURES_KEY), versions.current(versions.LISTS_KEY)
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        versions.bump_lists()
        versions.bump_figures()
        versions.bump_lists()  # once
    assert _keys(callbacks) == [{versions.FIGURES_KEY, versions.LISTS_KEY}]
    with django_assert_num_queries(1):
        callbacks[0]()
    after = versions.current(versions.FIGURES_KEY), versions.current(versions.LISTS_KEY)
    assert after[0] not in before and after[1] not in before


def test_a_key_s_first_bump_creates_its_row(django_capture_on_commit_callbacks: Any) -> None:
    versions.bump(versions.LISTS_KEY)
    assert not CacheVersion.objects.filter(key=versions.FIGURES_KEY).exists()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        versions.bump_lists()
        versions.bump_figures()
    assert versions.current(versions.FIGURES_KEY) != 0


def test_an_inner_block_rolled_back_drops_its_own_keys_only(
    django_capture_on_commit_callbacks: Any,
) -> None:
    versions.bump(versions.FIGURES_KEY)
    versions.bump(versions.LISTS_KEY)
    figures = versions.current(versions.FIGURES_KEY)
    lists = versions.current(versions.LISTS_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        versions.bump_lists()
        with pytest.raises(Boom), transaction.atomic():
            versions.bump_figures()  # its own block: not joined to the outer one
            raise Boom
    assert _keys(callbacks) == [{versions.LISTS_KEY}]
    assert versions.current(versions.FIGURES_KEY) == figures
    assert versions.current(versions.LISTS_KEY) != lists


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_bump_is_at_once() -> None:
    versions.bump(versions.FIGURES_KEY)
    figures = versions.current(versions.FIGURES_KEY)
    versions.bump_figures()
    assert versions.current(versions.FIGURES_KEY) != figures
