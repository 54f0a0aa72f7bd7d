"""URL configuration."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from cchc.accounts.views import admin_login
from cchc.api.api import api
from cchc.api.errors import not_found_anywhere
from cchc.core.health import healthz
from cchc.notifications.views import home

# The admin is titled as the product, in the user's language.
admin.site.site_header = _("CCHC — Administration")
admin.site.site_title = _("CCHC — Administration")
admin.site.index_title = _("CCHC — Administration")

urlpatterns = [
    # The user's work by role (``cchc.notifications.views.home``); the plans at /plans/.
    path("", home, name="home"),
    path("notifications/", include("cchc.notifications.urls")),
    path("accounts/", include("cchc.accounts.urls")),
    path("plans/", include("cchc.plans.urls")),
    path("agencies/", include("cchc.agencies.urls")),
    path("scheduling/", include("cchc.scheduling.urls")),
    path("reports/", include("cchc.reporting.urls")),
    path("indicators/", include("cchc.indicators.urls")),
    path("dashboards/", include("cchc.dashboards.urls")),
    path("official-reports/", include("cchc.documents.urls")),
    # Public pages (/cong-khai/), open data (/open-data/, CKAN's /api/3/action/).
    path("", include("cchc.opendata.urls")),
    path("dossiers/", include("cchc.dossiers.urls")),
    path("service-quality/", include("cchc.servicequality.urls")),
    path("api/v1/", api.urls),
    # The admin logs in through the product's login (lockout, two-factor step).
    path("admin/login/", admin_login),
    # What no operation of the API answers is a JSON 404, not the site's HTML page.
    re_path(r"^api/v1/(?P<rest>[\s\S]*)$", not_found_anywhere),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Liveness and database reachability for the proxy and monitoring (no login).
    path("healthz", healthz, name="healthz"),
]

# The product's error pages (JSON under /api/); CSRF_FAILURE_VIEW is in the settings.
handler400 = "cchc.core.views.bad_request"
handler403 = "cchc.core.views.permission_denied"
handler404 = "cchc.core.views.page_not_found"
handler500 = "cchc.core.views.server_error"
