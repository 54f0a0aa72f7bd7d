from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceQualityConfig(AppConfig):
    name = "cchc.servicequality"
    verbose_name = _("Service quality (Decision 766)")
