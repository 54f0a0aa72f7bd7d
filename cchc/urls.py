"""URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from cchc.accounts.views import LoginView
from cchc.api.api import api
from cchc.api.errors import not_found_anywhere

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="plans:plan_list", permanent=False)),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("plans/", include("cchc.plans.urls")),
    path("agencies/", include("cchc.agencies.urls")),
    path("scheduling/", include("cchc.scheduling.urls")),
    path("reports/", include("cchc.reporting.urls")),
    path("api/v1/", api.urls),
    # What no operation of the API answers is a JSON 404, not the site's HTML page.
    re_path(r"^api/v1/(?P<rest>[\s\S]*)$", not_found_anywhere),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
