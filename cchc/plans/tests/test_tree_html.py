"""The plan tree drawn in Python is the HTML the per-node template drew (the template stays
as the reference), and the page caches it under the plan's version: a second view draws
nothing, an approval, an import or a correction draws it again."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from cchc.conftest import import_seed
from cchc.core import versions
from cchc.plans import selectors
from cchc.plans.actions import correct_node
from cchc.plans.models import Node, NodeKind, Plan
from cchc.plans.tree_html import render_tree

pytestmark = pytest.mark.django_db


def _same(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def _tree_of(response: Any) -> str:
    html: str = response.content.decode()
    return html[html.index('class="plan-tree"') : html.index("</main>")]


def _reference(plan: Plan) -> str:
    tree = selectors.plan_tree(plan=plan)
    return "".join(
        render_to_string("plans/_tree_node.html", {"item": item, "top": True})
        for item in tree.roots
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_drawing_is_the_templates(importer: Any, language: str):
    plan = import_seed(importer)
    tree = selectors.plan_tree(plan=plan)
    # Progress on some nodes, one activity done.
    for number, item in enumerate(tree.walk()):
        if number % 3 == 0:
            item.progress = number * 7.25 % 100
            item.done = item.is_activity and number % 2 == 0
    with translation.override(language):
        drawn = str(render_tree(tree, plan_id=plan.pk))
        reference = "".join(
            render_to_string("plans/_tree_node.html", {"item": item, "top": True})
            for item in tree.roots
        )
    assert _same(drawn) == _same(reference)
    assert drawn.count('class="activity"') == tree.activity_count > 50


def test_titles_are_escaped_and_cut(small_plan: Plan):
    node = Node.objects.filter(plan=small_plan, kind=NodeKind.ACTIVITY).first()
    assert node is not None
    Node.objects.filter(pk=node.pk).update(title="<script>x</script> " + "dài " * 100)
    tree = selectors.plan_tree(plan=small_plan)
    drawn = str(render_tree(tree, plan_id=small_plan.pk))
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn
    assert _same(drawn) == _same(_reference(small_plan))
    assert "…</a>" in drawn


def test_the_page_draws_the_tree_once_per_plan_version(
    reader_client: Client, small_plan: Plan, django_assert_max_num_queries, monkeypatch
):
    from cchc.plans.views import browse

    cache.clear()
    drawings: list[int] = []
    original = browse._draw_tree

    def counting(plan: Plan) -> Any:
        drawings.append(plan.pk)
        return original(plan)

    monkeypatch.setattr(browse, "_draw_tree", counting)
    url = small_plan.get_absolute_url()
    first = reader_client.get(url)
    assert first.status_code == 200 and len(drawings) == 1
    # Session, user, the plan with its version, the ended agencies, the memberships, the
    # navigation's work queues: nothing of the tree, its choices or the latest import.
    with django_assert_max_num_queries(6):
        second = reader_client.get(url)
    assert len(drawings) == 1
    assert _tree_of(second) == _tree_of(first)
    assert "Hoạt động 2: thẩm định dự thảo văn bản" in second.content.decode()

    node = Node.objects.filter(plan=small_plan, kind=NodeKind.ACTIVITY).first()
    assert node is not None
    correct_node(node=node, changes={"title": "tên đã sửa"}, user=None)
    third = reader_client.get(url)
    assert len(drawings) == 2 and "tên đã sửa" in third.content.decode()

    versions.bump_plan(small_plan.pk)  # what approval, reopening and generation do
    reader_client.get(url)
    assert len(drawings) == 3


def test_the_latest_import_is_read_without_its_changes(reader_client: Client, importer: Any):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = import_seed(importer)
    with CaptureQueriesContext(connection) as queries:
        response = reader_client.get(plan.get_absolute_url())
    assert response.status_code == 200
    reads = [q["sql"] for q in queries if "plans_planimport" in q["sql"]]
    assert reads and not [sql for sql in reads if '"changes"' in sql or '"warnings"' in sql]


def test_the_cached_search_choices_follow_a_correction(reader_client: Client, small_plan: Plan):
    url = small_plan.get_absolute_url()
    assert "Sở Mới Lập" not in reader_client.get(url).content.decode()
    node = Node.objects.filter(plan=small_plan, kind=NodeKind.ACTIVITY).first()
    assert node is not None
    correct_node(node=node, changes={"lead": "Sở Mới Lập"}, user=None)
    form = reader_client.get(url).content.decode().split('id="search-heading"', 1)[1]
    assert '<option value="Sở Mới Lập">' in form.split("</form>", 1)[0]
