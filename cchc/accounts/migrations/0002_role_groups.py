"""One Django group per role, carrying the model permissions the existing views check
(``plans.add_plan``, ``scheduling.change_obligation`` …). Group names are the role values.
What a user may see of each agency is answered by ``cchc.accounts.permissions``, not here.

Idempotent: tests call ``create_groups`` again after a transactional test flushed the tables.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_ALL = [
    "plans.view_plan",
    "plans.view_node",
    "plans.view_planimport",
    "plans.view_nodecorrection",
    "agencies.view_agency",
    "agencies.view_agencyalias",
    "agencies.view_succession",
    "agencies.view_agencygroup",
    "agencies.view_groupphrase",
    "agencies.view_assignment",
    "agencies.view_assignmentchange",
    "agencies.view_contact",
    "scheduling.view_periodrule",
    "scheduling.view_periodrulechange",
    "scheduling.view_calendarday",
    "scheduling.view_calendardaychange",
    "scheduling.view_obligation",
    "scheduling.view_reminder",
]

GROUPS = {
    "secretariat": [
        *VIEW_ALL,
        "plans.add_plan",
        "plans.change_plan",
        "plans.add_nodecorrection",
        "agencies.add_agency",
        "agencies.change_agency",
        "agencies.add_agencyalias",
        "agencies.change_agencyalias",
        "agencies.add_succession",
        "agencies.change_succession",
        "agencies.add_agencygroup",
        "agencies.change_agencygroup",
        "agencies.add_groupphrase",
        "agencies.change_groupphrase",
        "agencies.add_assignment",
        "agencies.change_assignment",
        "agencies.add_contact",
        "agencies.change_contact",
        "agencies.delete_contact",
        "scheduling.add_periodrule",
        "scheduling.change_periodrule",
        "scheduling.add_calendarday",
        "scheduling.change_calendarday",
        "scheduling.change_obligation",
        "scheduling.add_reminder",
        "accounts.view_membership",
        "accounts.add_membership",
        "accounts.change_membership",
        "accounts.view_membershipchange",
    ],
    "leader": list(VIEW_ALL),
    "focal_point": ["plans.view_plan", "plans.view_node", "scheduling.view_obligation"],
    "head": ["plans.view_plan", "plans.view_node", "scheduling.view_obligation"],
    "administrator": [
        *VIEW_ALL,
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "accounts.view_membership",
        "accounts.add_membership",
        "accounts.change_membership",
        "accounts.view_membershipchange",
        "accounts.view_loginattempt",
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    # The tests also call this with the real app registry: put models_module back as it was,
    # or later flushes stop recreating permissions.
    for app_config in apps.get_app_configs():
        kept = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = kept
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GROUPS.items():
        wanted = set()
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(wanted)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(GROUPS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_memberships_and_lockout"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("plans", "0002_node_correction"),
        ("agencies", "0003_registry_codes_with_dots"),
        ("scheduling", "0003_reporting_obligations"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
