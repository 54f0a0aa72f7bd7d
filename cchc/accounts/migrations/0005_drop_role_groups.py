"""Memberships are the one source of a user's rights: model permissions follow from roles in
code (``cchc.accounts.permissions.ROLE_PERMISSIONS``), so the role groups of ``0002`` go, and
with them every user's place in them. Reversing puts the groups back (empty of users)."""

import importlib

from django.db import migrations

ROLE_GROUPS = ["secretariat", "focal_point", "head", "leader", "administrator"]


def drop_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


def restore_groups(apps, schema_editor):
    importlib.import_module("cchc.accounts.migrations.0002_role_groups").create_groups(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_security_event")]

    operations = [migrations.RunPython(drop_groups, restore_groups)]
