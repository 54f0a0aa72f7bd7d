"""Form widgets drawn in Python.

Django draws a ``Select`` with a template per option, each including the template of its
attributes: the status grid's five selects were ~60 template renders, more than its table.
``QuickSelect`` writes the same markup (a ``<select>`` with its attributes, each choice an
``<option>``, the first matching value selected) in one pass."""

from __future__ import annotations

from html import escape as esc
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        choices = list(self.choices)
        if any(isinstance(label, list | tuple) for _value, label in choices):
            return super().render(name, value, attrs, renderer)  # option groups
        wanted = set(self.format_value(value))
        found = False
        parts = [f'<select name="{esc(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        for option, label in choices:
            text = "" if option is None else str(option)
            chosen = not found and text in wanted
            found = found or chosen
            selected = " selected" if chosen else ""
            parts.append(f'<option value="{esc(text)}"{selected}>{esc(str(label))}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))
