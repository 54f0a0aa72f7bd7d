"""Login, two-factor login, the account page, password change and reset (names without a
namespace, as Django's auth views expect them)."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from cchc.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.two_factor_login, name="two_factor_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path("two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/message.html",
            extra_context={
                "title": _("Password changed"),
                "text": _("Your password has been changed."),
                "link": "account",
            },
        ),
        name="password_change_done",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/message.html",
            extra_context={
                "title": _("Check your e-mail"),
                "text": _(
                    "If an account has this address, we have sent it a link to choose a new "
                    "password. The link works once and for a limited time."
                ),
                "link": "login",
            },
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/message.html",
            extra_context={
                "title": _("Password set"),
                "text": _("Your new password is set. You can log in with it now."),
                "link": "login",
            },
        ),
        name="password_reset_complete",
    ),
]
