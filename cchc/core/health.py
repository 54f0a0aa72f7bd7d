"""``/healthz``: whether this process can answer and reach its database (for the reverse
proxy, systemd and monitoring). No login, nothing but a status: no versions, names or errors.

``database_unavailable`` tells the 500 handler that the request failed because the database
was away (restarting, a lost connection): the client then gets 503 with ``Retry-After``, and
the next request opens a new connection (``CONN_HEALTH_CHECKS``), so the application recovers
by itself once the database is back.
"""

from __future__ import annotations

import logging
import sys

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait when the database is away.
RETRY_AFTER = "5"


def database_unavailable() -> bool:
    """Whether the exception being handled is the database being unreachable."""
    exc = sys.exc_info()[1]
    while exc is not None:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("healthz: the database does not answer", exc_info=True)
        # A broken connection is dropped, so that the next check connects anew.
        connection.close_if_unusable_or_obsolete()
        response = JsonResponse({"status": "unavailable"}, status=503)
        response["Retry-After"] = RETRY_AFTER
        return response
    return JsonResponse({"status": "ok"})
