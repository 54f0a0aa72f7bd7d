from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from cchc.indicators.catalogue import load_into

    load_into(apps.get_model("indicators", "Indicator"), apps.get_model("indicators", "IndicatorChange"))


def unload(apps: Any, schema_editor: Any) -> None:
    from cchc.indicators.catalogue import read_catalogue

    Indicator = apps.get_model("indicators", "Indicator")
    codes = [row["code"] for row in read_catalogue()]
    Indicator.objects.filter(code__in=codes, targets=None, measurements=None).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_indicators_targets_measurements")]

    operations = [migrations.RunPython(load, unload)]
