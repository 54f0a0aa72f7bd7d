"""A secretariat membership exists only in the PAR secretariat's agency, Sở Nội vụ (the
registry code "so-noi-vu" under a province's prefix; ``models.is_secretariat_agency``).
Django's check constraints cannot look at another table, so the database refuses it with a
named trigger, ``accounts_membership_secretariat_agency``, on insert and on update; the
action ``add_member`` refuses it first with a message.

On SQLite a trigger that reads ``agencies_agency`` would break every later migration that
rebuilds that table (SQLite re-checks triggers when the rebuilt table is renamed), so there the
triggers live outside the migration history: ``cchc.accounts.db_rules`` drops them before
``migrate`` and creates them (``SQLITE`` below) once it has finished."""

from django.db import migrations

NAME = "accounts_membership_secretariat_agency"
MESSAGE = (
    "accounts_membership_secretariat_agency: the secretariat role exists only in the "
    "Department of Home Affairs (so-noi-vu)"
)
NOT_HOME_AFFAIRS = (
    "NOT EXISTS (SELECT 1 FROM agencies_agency a WHERE a.id = {row}.agency_id "
    "AND (a.code = 'so-noi-vu' OR a.code LIKE '%.so-noi-vu'))"
)

SQLITE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {NAME}_{event.lower()} BEFORE {event} ON accounts_membership
    FOR EACH ROW WHEN NEW.role = 'secretariat' AND {NOT_HOME_AFFAIRS.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {NAME}_{event};" for event in ("insert", "update")]

POSTGRESQL = [
    f"""
    CREATE FUNCTION {NAME}() RETURNS trigger AS $$
    BEGIN
        IF NEW.role = 'secretariat' AND {NOT_HOME_AFFAIRS.format(row="NEW")} THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation',
                CONSTRAINT = '{NAME}';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER {NAME} BEFORE INSERT OR UPDATE ON accounts_membership
    FOR EACH ROW EXECUTE FUNCTION {NAME}();
    """,
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS {NAME} ON accounts_membership;",
    f"DROP FUNCTION IF EXISTS {NAME}();",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRESQL}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_drop_role_groups"),
        ("agencies", "0003_registry_codes_with_dots"),
    ]

    operations = [migrations.RunPython(create, drop)]
