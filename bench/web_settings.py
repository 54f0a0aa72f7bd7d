"""Settings of the pages and burst benchmarks: the product's settings (``cchc.settings``, read
from the same environment) with the reference views added to the URLs and mail dropped.

Used by the benchmark process and by the gunicorn it starts (``DJANGO_SETTINGS_MODULE=
bench.web_settings``); never by the product.
"""

from cchc.settings import *  # noqa: F403

# The product's URLs plus /__bench__/reference/<page>/ (bench/reference_urls.py).
ROOT_URLCONF = "bench.reference_urls"

# The workflow mails focal points when a report is approved or returned: the benchmark's
# users are not real people.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
