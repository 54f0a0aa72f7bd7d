"""The plan tree drawn in Python, once per plan version, cached.

The template drew it with one ``{% include %}`` per node (≈ 435 on the seed plan, 60% of the
page), ``truncatechars`` per title and ``reverse()`` per link; this draws the same HTML in
one pass: the node URL is reversed once and filled in, the translated words are looked up
once, titles are cut by ``_cut``. ``cached_tree`` keeps the result (and the progress figures
of the page's header line) in the process's cache under the plan's version
(``cchc.core.versions``): import, corrections, obligation generation, approval and reopening
change it; a page reads the version in one query and draws nothing when it is current.

**Lazy subtrees.** The page grows with the plan (≈ 1 KB and 0.55 ms per node: 7.7 MB at 8,000
nodes). A plan of more than ``settings.CCHC_TREE_LAZY_NODES`` nodes is drawn with its areas
and objectives (the first ``LAZY_DEPTH`` levels) closed and empty: opening one asks
``plans:node_children`` for what is beneath it (HTMX, ``hx-trigger="toggle once"``), a
fragment drawn by ``render_children`` with the same rule and cached under the same version
(``cached_children``). Without JavaScript the "View page" link inside each one opens the
node's own page, which lists its children.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from cchc.core import versions
from cchc.plans.models import Node, NodeKind, Plan
from cchc.plans.selectors import PlanTree, TreeNode

# In a lazy tree, nodes at a depth below this (0: areas, 1: objectives) load their children
# when opened.
LAZY_DEPTH = 2

T = TypeVar("T")

# The template's indentation, which the browser ignores: a line break is kept where it had
# white space (a tenth of the tree's bytes).
_INDENT = re.compile(r"\n\s+")


def is_lazy(node_count: int) -> bool:
    """Whether a plan of ``node_count`` nodes is drawn with lazy subtrees."""
    return node_count > settings.CCHC_TREE_LAZY_NODES


@dataclass(frozen=True, slots=True)
class CachedTree:
    html: SafeString
    activity_count: int
    area_count: int
    # The plan's overall progress and the number of activities done (None: not computed).
    overall: float | None
    done_count: int


def _cut(text: str, length: int) -> str:
    """``truncatechars``: at most ``length`` characters, the last an ellipsis when cut."""
    return text if len(text) <= length else text[: length - 1] + "…"


class _Words:
    """The translated words of the tree, looked up once per drawing."""

    def __init__(self) -> None:
        self.area = escape(gettext("Area"))
        self.activities = escape(gettext("Activities"))
        self.view_page = escape(gettext("View page"))
        self.kinds = {value: escape(str(label)) for value, label in NodeKind.choices}
        self.open_page = gettext("Open the page of %(name)s")
        self.loading = escape(gettext("Loading…"))


def _progress(value: float, done: bool) -> str:
    """A node's progress: the figure, and a bar hidden from screen readers (the figure says
    it). What it means is said once, above the tree (the title and the progressbar role on
    each of the ~170 nodes of the seed plan were a fifth of the page)."""
    done_attr = ' data-done="1"' if done else ""
    bar = " bg-success" if done else ""
    tick = " ✓" if done else ""
    return (
        f'<span class="progress-value small text-nowrap ms-1" data-progress="{value:.1f}"'
        f'{done_attr}><span class="progress progress-mini d-inline-flex align-middle" '
        f'aria-hidden="true"><span class="progress-bar{bar}" data-pct-width="{value:.0f}">'
        f"</span></span> {floatformat(value, 0)}%{tick}</span>"
    )


class _Urls:
    """The node page and children fragment URLs of a plan, each reversed once."""

    def __init__(self, plan_id: int) -> None:
        marker = 999_999_999
        self.page: Callable[[int], str] = (
            reverse("plans:node_detail", kwargs={"plan_pk": plan_id, "pk": marker})
            .replace(str(marker), "{}")
            .format
        )
        self.children: Callable[[int], str] = (
            reverse("plans:node_children", kwargs={"plan_pk": plan_id, "pk": marker})
            .replace(str(marker), "{}")
            .format
        )


def render_tree(tree: PlanTree, *, plan_id: int, lazy: bool = False) -> SafeString:
    """The HTML of the tree's roots, as ``plans/_tree_node.html`` drew it; ``lazy``: areas
    and objectives closed, their children left to ``render_children``."""
    words = _Words()
    urls = _Urls(plan_id)
    out: list[str] = []
    for item in tree.roots:
        _draw(item, depth=0, out=out, words=words, urls=urls, lazy=lazy)
    return mark_safe(_INDENT.sub("\n", "".join(out)))


def render_children(item: TreeNode, *, depth: int, plan_id: int, lazy: bool) -> SafeString:
    """The HTML of the children of ``item`` (at ``depth``), the fragment an opened lazy node
    asks for; deeper lazy nodes stay closed and empty the same way."""
    words = _Words()
    urls = _Urls(plan_id)
    out: list[str] = []
    for child in item.children:
        _draw(child, depth=depth + 1, out=out, words=words, urls=urls, lazy=lazy)
    return mark_safe(_INDENT.sub("\n", "".join(out)))


def _draw(
    item: TreeNode, *, depth: int, out: list[str], words: _Words, urls: _Urls, lazy: bool
) -> None:
    node: Node = item.node
    url = urls.page(node.pk)
    top = depth == 0
    if item.is_activity:
        number = f"{escape(node.number)}." if node.number else ""
        out.append(
            f'\n<div class="activity">\n  <a href="{url}"><span class="text-body-secondary">'
            f"{number}</span> {escape(_cut(node.labelled_title, 220))}</a>\n  "
        )
        if item.progress is not None:
            out.append(_progress(item.progress, item.done))
        out.append("\n  ")
        if node.lead or node.timeframe:
            sep = " · " if node.lead and node.timeframe else ""
            out.append(
                f'<div class="small text-body-secondary">{escape(node.lead)}{sep}'
                f"{escape(node.timeframe)}</div>"
            )
        out.append("\n</div>\n")
        return
    deferred = lazy and depth < LAZY_DEPTH and bool(item.children)
    css = "area mb-2 border rounded px-2 py-1" if top else "group my-1"
    kind = words.area if top and node.kind == NodeKind.SECTION else words.kinds[node.kind]
    heading = node.heading if top else _cut(node.heading, 200)
    name = escape(words.open_page % {"name": _cut(node.heading, 80)})
    h3, end_h3 = ('<h3 class="h6 d-inline">', "</h3>") if top else ("", "")
    if deferred:
        # Opened the first time: the children replace the placeholder (see the docstring).
        opened = (
            f' data-lazy="1" hx-get="{urls.children(node.pk)}" hx-trigger="toggle once"'
            ' hx-target="find .tree-lazy" hx-swap="outerHTML"'
        )
    else:
        opened = " open" if top else ""
    out.append(
        f'\n<details class="{css}" data-kind="{node.kind}"{opened}>\n  <summary>\n    {h3}'
        f'<span class="badge text-bg-light kind-badge">{kind}</span>\n    {escape(heading)}\n'
        f'    <span class="badge text-bg-secondary rounded-pill activity-count" '
        f'title="{words.activities}">{item.activity_count}</span>{end_h3}\n    '
    )
    if item.progress is not None:
        out.append(_progress(item.progress, False))
    out.append(
        f'\n  </summary>\n  <div class="tree-children">\n    <a class="node-open small '
        f'd-inline-block mb-1" href="{url}" aria-label="{name}">{words.view_page}</a>\n    '
    )
    if deferred:
        out.append(
            '<div class="tree-lazy"><span class="htmx-indicator spinner-border '
            'spinner-border-sm" role="status"><span class="visually-hidden">'
            f"{words.loading}</span></span></div>"
        )
    else:
        for child in item.children:
            _draw(child, depth=depth + 1, out=out, words=words, urls=urls, lazy=lazy)
    out.append("\n  </div>\n</details>\n")


def cache_key(plan: Plan, version: int, node_id: int | None = None) -> str:
    where = "" if node_id is None else f":{node_id}"
    return f"plans:tree:{plan.pk}:{version}:{get_language()}{where}"


def _version(plan: Plan) -> int:
    # Read with the plan when the page asked for it (versions.with_version), else here.
    known = getattr(plan, "cache_version", False)
    return (known or 0) if known is not False else versions.current(versions.plan_key(plan.pk))


def cached_tree(plan: Plan, build: Callable[[], CachedTree]) -> CachedTree:
    """The plan's drawn tree from the cache when its version is current, else ``build()``
    stored under that version."""
    key = cache_key(plan, _version(plan))
    found = cache.get(key)
    if isinstance(found, CachedTree):
        return found
    made = build()
    cache.set(key, made, settings.CCHC_PAGE_CACHE_SECONDS)
    return made


def cached_children(plan: Plan, node_id: int, build: Callable[[], str]) -> SafeString:
    """The children fragment of a lazy node, cached like the tree under the plan's version."""
    key = cache_key(plan, _version(plan), node_id)
    found = cache.get(key)
    if isinstance(found, str):
        return mark_safe(found)
    made = build()
    cache.set(key, str(made), settings.CCHC_PAGE_CACHE_SECONDS)
    return mark_safe(made)


def plan_cached(plan: Plan, what: str, build: Callable[[], T]) -> T:
    """A value derived from the plan's tree or progress (an activity's ancestors, its
    progress), cached like the tree under the plan's version: ``build()`` once per version."""
    key = f"plans:{what}:{plan.pk}:{_version(plan)}"
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return cast("T", found)
    made = build()
    cache.set(key, made, settings.CCHC_PAGE_CACHE_SECONDS)
    return made


_MISSING = object()


__all__ = [
    "LAZY_DEPTH",
    "CachedTree",
    "cached_children",
    "cached_tree",
    "is_lazy",
    "plan_cached",
    "render_children",
    "render_tree",
]
