"""An issued version is never changed: the database refuses any UPDATE of
``documents_issuedversion`` with the named trigger ``documents_issuedversion_immutable`` (the
model's ``save`` refuses first, with a message). Deleting is left to the PROTECT of its report
and to the database's owner (test databases are flushed)."""

from django.db import migrations

NAME = "documents_issuedversion_immutable"
MESSAGE = f"{NAME}: an issued version cannot be changed; issue a new version"

SQLITE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {NAME} BEFORE UPDATE ON documents_issuedversion
    FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {NAME};"]

POSTGRESQL = [
    f"""
    CREATE FUNCTION {NAME}() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation', CONSTRAINT = '{NAME}';
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER {NAME} BEFORE UPDATE ON documents_issuedversion
    FOR EACH ROW EXECUTE FUNCTION {NAME}();
    """,
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS {NAME} ON documents_issuedversion;",
    f"DROP FUNCTION IF EXISTS {NAME}();",
]


def create(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor)
    for statement in statements or []:
        schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}.get(vendor)
    for statement in statements or []:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_official_reports")]

    operations = [migrations.RunPython(create, drop)]
