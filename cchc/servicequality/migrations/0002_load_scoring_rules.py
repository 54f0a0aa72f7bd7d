from decimal import Decimal

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from cchc.servicequality.scoring import BASIS, RULES, VALID_FROM

    rule = apps.get_model("servicequality", "ScoringRule")
    for code, name, group, max_points, threshold, confirmed, note in RULES:
        rule.objects.update_or_create(
            code=code,
            valid_from=VALID_FROM,
            defaults={
                "name": name,
                "group": group,
                "max_points": Decimal(max_points),
                "threshold": Decimal(threshold),
                "legal_basis": BASIS,
                "confirmed": confirmed,
                "note": note,
            },
        )


def unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    from cchc.servicequality.scoring import RULES, VALID_FROM

    rule = apps.get_model("servicequality", "ScoringRule")
    rule.objects.filter(code__in=[r[0] for r in RULES], valid_from=VALID_FROM).delete()


class Migration(migrations.Migration):
    dependencies = [("servicequality", "0001_rules_rollups")]
    operations = [migrations.RunPython(load, unload)]
