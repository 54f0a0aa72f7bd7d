"""No template holds what the Content-Security-Policy blocks: an inline script, an event
handler attribute (onclick=…), a style attribute or element, a javascript: address. Page
behaviour lives in static files (cchc/static/cchc/cchc.js), looks in CSS classes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cchc.conftest import REPO_ROOT

TEMPLATES = sorted((REPO_ROOT / "cchc").glob("**/templates/**/*.html"))

BLOCKED = {
    # A script element without src=, unless it is data (type="application/json").
    "inline script": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", re.I
    ),
    "event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "htmx inline handler (needs eval)": re.compile(r"\shx-on", re.I),
    "javascript: address": re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
}


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_the_template_holds_nothing_the_policy_blocks(template: Path):
    text = template.read_text(encoding="utf-8")
    found = [
        f"{what} at line {text.count(chr(10), 0, match.start()) + 1}"
        for what, pattern in BLOCKED.items()
        for match in pattern.finditer(text)
    ]
    assert not found, f"{template.relative_to(REPO_ROOT)}: {', '.join(found)}"


def test_the_checks_find_what_they_look_for():
    """The patterns themselves: each catches its construct and lets the allowed ones pass."""
    assert BLOCKED["inline script"].search("<script>alert(1)</script>")
    assert not BLOCKED["inline script"].search('<script src="/static/x.js" defer></script>')
    assert BLOCKED["event handler attribute"].search('<button type="button" onclick="go()">')
    assert not BLOCKED["event handler attribute"].search('<input data-select-all="reports">')
    assert BLOCKED["style attribute"].search('<div class="x" style="left: 5%">')
    assert BLOCKED["javascript: address"].search('<a href="javascript:void(0)">')
