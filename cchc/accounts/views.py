"""Login in two steps (password, then the code for those with two-factor login), two-factor
enrolment, the account page, password change and reset, and the locked-out page."""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts import security_log, two_factor
from cchc.accounts.forms import CodeForm, LoginForm
from cchc.accounts.lockout import client_address, locked_until, normalise, serialised
from cchc.accounts.models import Membership, SecurityEventKind


class LoginView(auth_views.LoginView):
    """The password step. Users with (or owing) two-factor login are not logged in here: the
    session remembers them for the code page (or enrolment)."""

    form_class = LoginForm
    template_name = "accounts/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if two_factor.has_two_factor(user) or two_factor.requires_two_factor(user):
            two_factor.begin_login(self.request, user=user, next_url=self.get_success_url())
            if two_factor.has_two_factor(user):
                return redirect("two_factor_login")
            return redirect("two_factor_setup")
        response = super().form_valid(form)
        self.request.session[two_factor.METHOD] = "password"
        return response


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's login page is the product's (one lockout, one two-factor step)."""
    target = reverse("login")
    next_url = request.GET.get("next", "")
    if next_url:
        target += "?" + urlencode({"next": next_url})
    return redirect(target)


def _safe_next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return str(reverse(settings.LOGIN_REDIRECT_URL))


def _finish_login(request: HttpRequest, user: User, data: dict[str, Any], device: Device) -> None:
    """Log the user in after the code: a new session key, the device kept in the session."""
    request.session.pop(two_factor.PENDING, None)
    login(request, user, backend=data.get("backend") or None)
    otp_login(request, device)
    request.session[two_factor.METHOD] = "verified"


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def two_factor_login(request: HttpRequest) -> HttpResponseBase:
    """The code step, for a session that passed the password."""
    found = two_factor.pending(request)
    if found is None:
        messages.info(request, _("Please log in again."))
        return redirect("login")
    user, data = found
    if not two_factor.has_two_factor(user):
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None)
    name = normalise(user.get_username())
    credentials = {"username": name, "two_factor": True}
    if request.method == "POST" and form.is_valid():
        if not AxesProxyHandler.is_allowed(request, credentials):
            return locked_out(request, None, credentials)
        with serialised(username=name, address=client_address(request)):
            device = two_factor.check_code(user=user, code=form.cleaned_data["code"])
            if device is None:
                # Counted by the lockout like a wrong password.
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if device is not None:
            _finish_login(request, user, data, device)
            return redirect(_safe_next(request, str(data.get("next", ""))))
        form.add_error("code", _("This code is not valid. Please try again."))
    return render(request, "accounts/two_factor_login.html", {"form": form, "pending_user": user})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponseBase:
    """Enrolment: the QR code and the secret, confirmed by a first code; then the backup codes,
    shown once. For a logged-in user, or one who passed the password and must enrol."""
    found = None if request.user.is_authenticated else two_factor.pending(request)
    if request.user.is_authenticated:
        user = User.objects.get(pk=request.user.pk)
    elif found is not None:
        user = found[0]
        if two_factor.has_two_factor(user):
            # The password alone does not let anyone replace an existing authenticator.
            return redirect("two_factor_login")
    else:
        return redirect(f"{reverse('login')}?next={reverse('two_factor_setup')}")
    device = two_factor.start_enrolment(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(
            user=user, code=form.cleaned_data["code"], request=request
        )
        if codes is not None:
            next_url = str(reverse("account"))
            if found is not None:
                confirmed = TOTPDevice.objects.get(user=user, confirmed=True)
                _finish_login(request, user, found[1], confirmed)
                next_url = _safe_next(request, str(found[1].get("next", "")))
            elif request.session.get(two_factor.METHOD) != "verified":
                request.session.cycle_key()
                request.session[two_factor.METHOD] = "verified"
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next_url": next_url},
            )
        form.add_error("code", _("This code is not valid. Please try again."))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_data_uri": two_factor.qr_data_uri(device),
            "secret": two_factor.secret_of(device),
            "enrolled": two_factor.has_two_factor(user),
            "required": two_factor.requires_two_factor(user),
            "pending_user": user if found is not None else None,
        },
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's name, roles in agencies, two-factor state and the password and two-factor
    links."""
    user_pk = request.user.pk
    assert user_pk is not None  # login_required
    return render(
        request,
        "accounts/account.html",
        {
            "enrolled": two_factor.has_two_factor(request.user),
            "required": two_factor.requires_two_factor(request.user),
            "memberships": Membership.objects.active()
            .filter(user_id=user_pk)
            .select_related("agency")
            .order_by("agency__name", "role"),
        },
    )


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the product's page, saying until when (status 429)."""
    until = locked_until(request, credentials)
    local = timezone.localtime(until) if until is not None else None
    return render(request, "accounts/locked_out.html", {"until": local}, status=429)


# -- passwords ---------------------------------------------------------------------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_form.html"
    success_url = reverse_lazy("password_change_done")
    extra_context = {"title": gettext_lazy("Change your password")}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security_log.record(
            SecurityEventKind.PASSWORD_CHANGED, user=self.request.user, request=self.request
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    extra_context = {
        "title": gettext_lazy("Forgot your password?"),
        "intro": gettext_lazy(
            "Enter the e-mail address of your account; we will send you a link to choose a "
            "new password."
        ),
    }

    def form_valid(self, form: Any) -> HttpResponse:
        email = str(form.cleaned_data.get("email", ""))
        security_log.record(
            SecurityEventKind.PASSWORD_RESET_REQUESTED,
            user=None,
            request=self.request,
            email=email,
        )
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_form.html"
    extra_context = {"title": gettext_lazy("Choose a new password")}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security_log.record(
            SecurityEventKind.PASSWORD_CHANGED, user=form.user, request=self.request, reset=True
        )
        return response
