"""The login form: Django's, saying why a locked-out login is refused."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from cchc.accounts.lockout import client_ip, locked_until, lockout_message


class LoginForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            username = self.cleaned_data.get("username")
            if username:
                until = locked_until(username=username, ip=client_ip(self.request))
                if until is not None:
                    raise ValidationError(lockout_message(until), code="locked_out") from None
            raise
