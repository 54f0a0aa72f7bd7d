"""Views of the scheduling app: what is due (due), generating and reminding (commands), a
plan's timeline (timeline)."""

from cchc.scheduling.views.calendar import calendar
from cchc.scheduling.views.commands import generate, remind
from cchc.scheduling.views.deadlines import deadlines
from cchc.scheduling.views.due import agency_due, due
from cchc.scheduling.views.timeline import plan_timeline

__all__ = ["agency_due", "calendar", "deadlines", "due", "generate", "plan_timeline", "remind"]
