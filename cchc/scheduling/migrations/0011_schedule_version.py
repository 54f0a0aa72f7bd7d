import secrets

from django.db import migrations


def create_version(apps, schema_editor):
    """The schedule version row (``cchc.core.versions.SCHEDULE_KEY``): with it, the period
    rules, deadline rules and calendar are cached per process until a change bumps it."""
    CacheVersion = apps.get_model("core", "CacheVersion")
    CacheVersion.objects.update_or_create(
        key="schedule", defaults={"value": secrets.randbits(62) + 1}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_cache_version"),
        ("scheduling", "0010_obligation_period_indexes"),
    ]

    operations = [migrations.RunPython(create_version, migrations.RunPython.noop)]
