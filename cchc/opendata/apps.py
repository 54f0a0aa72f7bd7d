from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "cchc.opendata"
    verbose_name = _("Public pages and open data")
