"""The communes, wards and townships of Bắc Giang before 1/7/2025 with their successors
(NQ 1658/NQ-UBTVQH15), from data/former_communes.csv. Only where the registry is loaded (an
installation in use: its 2025 communes exist); a new installation gets them with
``cchc agencies load``. Reverse: the former units are deleted."""

from django.db import migrations

from cchc.agencies.former_communes import (
    load_former_communes,
    read_former_communes,
    remove_former_communes,
)


def forward(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    if not Agency.objects.filter(code__startswith="bn.xa.").exists():
        return
    load_former_communes(
        agency_model=Agency,
        succession_model=apps.get_model("agencies", "Succession"),
        alias_model=apps.get_model("agencies", "AgencyAlias"),
        rows=read_former_communes(),
    )


def backward(apps, schema_editor):
    remove_former_communes(
        agency_model=apps.get_model("agencies", "Agency"), rows=read_former_communes()
    )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0007_party_level_functions_confirmations")]

    operations = [migrations.RunPython(forward, backward)]
