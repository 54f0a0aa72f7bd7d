from __future__ import annotations

import contextlib
import os
from typing import Any

from django.apps import AppConfig
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

# The SQLite database and the files SQLite keeps beside it while it is open.
_SQLITE_FILES = ("", "-wal", "-shm", "-journal")


def private_sqlite_files(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Make a SQLite database file and its WAL readable by this user only (0600), whatever
    umask created them: the database holds every report and the sessions."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for suffix in _SQLITE_FILES:
        path = name + suffix
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if os.stat(path).st_mode & 0o077:
                os.chmod(path, 0o600)


class CoreConfig(AppConfig):
    name = "cchc.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        connection_created.connect(private_sqlite_files, dispatch_uid="cchc_private_sqlite")
