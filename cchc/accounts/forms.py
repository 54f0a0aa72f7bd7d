"""The login form (Django's, counted by the lockout one login at a time) and the two-factor
code form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.accounts.lockout import client_address, normalise, serialised


class LoginForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        """Django's check, inside ``serialised``: the lockout check, the password check and
        the recorded failure of one username (or address) happen one login at a time."""
        raw = self.cleaned_data.get("username")
        name = normalise(raw) if isinstance(raw, str) else None
        error: ValidationError | None = None
        data: dict[str, Any] = self.cleaned_data
        with serialised(username=name, address=client_address(self.request)):
            try:
                data = super().clean()
            except ValidationError as exc:  # raised after the transaction keeps the failure
                error = exc
        if error is not None:
            raise error
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The 6-digit code of your authenticator app, or one of your backup codes."),
    )
