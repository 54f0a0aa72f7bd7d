"""The login page: Django's LoginView with the lockout-aware form."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from cchc.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
