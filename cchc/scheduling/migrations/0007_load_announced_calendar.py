"""Load the national calendar as announced, 2021–2026 (``data/calendar.toml``), with a history
row per day. A province entry already on a date is kept (it is the province's decision)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from cchc.scheduling.calendar_data import ENTRY_FIELDS, read_calendar

    calendar_day = apps.get_model("scheduling", "CalendarDay")
    change = apps.get_model("scheduling", "CalendarDayChange")
    for entry in read_calendar():
        if calendar_day.objects.filter(date=entry["date"]).exists():
            continue
        fields = {name: entry[name] for name in ENTRY_FIELDS}
        calendar_day.objects.create(date=entry["date"], **fields)
        after = {
            name: value.isoformat() if hasattr(value, "isoformat") else value
            for name, value in fields.items()
        }
        change.objects.create(
            date=entry["date"],
            action="set",
            changes={"from": {}, "to": after},
            reason="Lịch nghỉ theo thông báo (cchc/scheduling/data/calendar.toml)",
        )


def unload(apps: Any, schema_editor: Any) -> None:
    apps.get_model("scheduling", "CalendarDay").objects.filter(scope="national").delete()


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0006_calendar_entries_with_legal_basis")]

    operations = [migrations.RunPython(load, unload)]
