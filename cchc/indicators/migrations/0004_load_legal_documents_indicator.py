"""The catalogue's indicators added since 0002 (inst.legal_documents_appraised): created where
missing, as 0002 does; the reverse removes them while nothing refers to them."""

from typing import Any

from django.db import migrations

ADDED = ("inst.legal_documents_appraised",)


def load(apps: Any, schema_editor: Any) -> None:
    from cchc.indicators.catalogue import load_into

    load_into(
        apps.get_model("indicators", "Indicator"), apps.get_model("indicators", "IndicatorChange")
    )


def unload(apps: Any, schema_editor: Any) -> None:
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(code__in=ADDED, targets=None, measurements=None).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_measurement_numerator_denominator")]

    operations = [migrations.RunPython(load, unload)]
