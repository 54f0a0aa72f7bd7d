"""Views of the notifications app: the inbox (inbox) and the home page of each role (home)."""

from cchc.notifications.views.home import home
from cchc.notifications.views.inbox import inbox, open_notification, read_all

__all__ = ["home", "inbox", "open_notification", "read_all"]
