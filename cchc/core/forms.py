"""Form fields every app shares."""

from __future__ import annotations

from typing import Any

from django import forms

from cchc.core.validation import StorableTextValidator


class TextField(forms.CharField):
    """Text a person writes: refused with the field's error when it cannot be stored (a NUL
    character, a lone surrogate), line breaks kept as ``\\n`` so that the server counts a
    ``max_length`` as the browser's ``maxlength`` does (one character per line break)."""

    default_validators = [StorableTextValidator()]

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value
