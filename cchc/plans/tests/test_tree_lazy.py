"""A large plan's page stays bounded: its areas and objectives load what is beneath them when
opened (cchc.plans.tree_html, lazy subtrees), and opening every one of them shows exactly the
tree a small plan shows at once."""

from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from cchc.conftest import import_seed
from cchc.plans.models import Node, NodeKind, Plan

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
LAZY = re.compile(r'data-lazy="1" hx-get="([^"]+)"')
ACTIVITY = re.compile(r'<div class="activity">\s*<a href="([^"]+)"')


def import_generated(rows: int) -> Plan:
    """A synthetic plan of ``rows`` activities (bench/generate_plan.py), imported as the CLI
    does."""
    from cchc.plans.actions import import_plan
    from cchc.plans.parsing import parse_bytes

    spec = importlib.util.spec_from_file_location("generate_plan", ROOT / "bench/generate_plan.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = module.generate(rows).encode()
    parsed = parse_bytes(data, "ke-hoach-lon.md")
    return import_plan(parsed=parsed, source_sha256=hashlib.sha256(data).hexdigest()).plan


def _expand(client: Client, html: str) -> tuple[list[str], int]:
    """Every activity link of a tree, opening each lazy node (as a reader clicking through
    would); and how many fragments were asked for."""
    links = ACTIVITY.findall(html)
    asked = 0
    for fragment_url in LAZY.findall(html):
        response = client.get(fragment_url, headers={"HX-Request": "true"})
        assert response.status_code == 200
        asked += 1
        found, deeper = _expand(client, response.content.decode())
        links.extend(found)
        asked += deeper
    return links, asked


def test_opening_every_lazy_node_shows_the_whole_tree(
    reader_client: Client, importer: Any, settings: Any
):
    cache.clear()
    plan = import_seed(importer)
    full = reader_client.get(plan.get_absolute_url()).content.decode()
    assert "data-lazy" not in full and "hx-trigger" not in full.split('class="plan-tree"')[1]
    whole = ACTIVITY.findall(full)
    assert len(whole) == Node.objects.filter(plan=plan, kind=NodeKind.ACTIVITY).count() == 70

    settings.CCHC_TREE_LAZY_NODES = 10
    cache.clear()
    lazy = reader_client.get(plan.get_absolute_url()).content.decode()
    tree = lazy[lazy.index('class="plan-tree"') :]
    # The areas are there, closed, with their counts; nothing beneath them yet.
    assert tree.count('class="area ') == 7 and " open>" not in tree
    assert tree.count('hx-trigger="toggle once"') == 7
    assert not ACTIVITY.findall(tree)
    # The no-JS way in: each area's page, outside its <summary>.
    assert tree.count('class="node-open') == 7
    links, asked = _expand(reader_client, tree)
    assert sorted(links) == sorted(whole)
    assert asked > 7  # objectives load on their own too


def test_the_fragment_is_drawn_once_per_plan_version(
    reader_client: Client,
    small_plan: Plan,
    settings: Any,
    django_assert_num_queries: Any,
    monkeypatch: pytest.MonkeyPatch,
):
    from cchc.core import versions
    from cchc.plans.views import browse

    settings.CCHC_TREE_LAZY_NODES = 1
    cache.clear()
    drawings: list[int] = []
    original = browse._draw_children

    def counting(plan: Plan, node_pk: int) -> str:
        drawings.append(node_pk)
        return original(plan, node_pk)

    monkeypatch.setattr(browse, "_draw_children", counting)
    area = Node.objects.filter(plan=small_plan, parent=None).order_by("position").first()
    assert area is not None
    url = f"/plans/{small_plan.pk}/nodes/{area.pk}/children/"
    # Session, user, the plan with its version; the plan's nodes; its lead obligations.
    with django_assert_num_queries(5):
        first = reader_client.get(url)
    assert first.status_code == 200 and drawings == [area.pk]
    with django_assert_num_queries(3):
        second = reader_client.get(url)
    assert second.content == first.content and drawings == [area.pk]
    versions.bump_plan(small_plan.pk)
    reader_client.get(url)
    assert drawings == [area.pk, area.pk]


def test_the_fragment_of_an_activity_or_another_plans_node_is_404(
    reader_client: Client, small_plan: Plan, importer: Any
):
    other = import_seed(importer)
    activity = Node.objects.filter(plan=small_plan, kind=NodeKind.ACTIVITY).first()
    foreign = Node.objects.filter(plan=other, parent=None).first()
    assert activity is not None and foreign is not None
    for node_pk in (activity.pk, foreign.pk, 999_999):
        response = reader_client.get(f"/plans/{small_plan.pk}/nodes/{node_pk}/children/")
        assert response.status_code == 404


def test_an_8000_node_plan_page_stays_small(
    reader_client: Client, django_assert_max_num_queries: Any
):
    cache.clear()
    plan = import_generated(3950)
    nodes = Node.objects.filter(plan=plan).count()
    assert nodes >= 8000
    first = reader_client.get(plan.get_absolute_url())
    with django_assert_max_num_queries(6):
        response = reader_client.get(plan.get_absolute_url())
    html = response.content.decode()
    assert (
        html.split('class="plan-tree"')[1] == first.content.decode().split('class="plan-tree"')[1]
    )
    # 7.7 MB when the whole tree was drawn; now the areas only.
    assert len(response.content) < 100_000, len(response.content)
    assert html.count('hx-trigger="toggle once"') == 7
    assert not ACTIVITY.findall(html)
    # An area's fragment: its objectives, closed too; bounded by the plan's shape.
    area_url = LAZY.findall(html)[0]
    area = reader_client.get(area_url, headers={"HX-Request": "true"}).content.decode()
    assert 'class="group my-1"' in area and "data-lazy" in area
    assert len(area) < 500_000, len(area)
    objective = reader_client.get(LAZY.findall(area)[0], headers={"HX-Request": "true"})
    assert ACTIVITY.findall(objective.content.decode())
    # Search still answers over the whole plan (a query, not a filter over the drawn tree).
    found = reader_client.get(plan.get_absolute_url(), {"q": "hoat dong"}).content.decode()
    assert 'id="result-table"' in found
