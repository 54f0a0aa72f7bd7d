"""A published release never changes: the database refuses to update or delete its row
(trigger ``opendata_release_published_immutable``), whoever asks (the actions, the admin, a
shell). The trigger reads only the row itself, so on SQLite it lives in the migration too."""

from django.db import migrations

NAME = "opendata_release_published_immutable"
MESSAGE = f"{NAME}: a published release cannot be changed or deleted"

SQLITE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {NAME}_{event.lower()} BEFORE {event} ON opendata_release
    FOR EACH ROW WHEN OLD.state = 'published'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
    for event in ("UPDATE", "DELETE")
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {NAME}_{event};" for event in ("update", "delete")]

POSTGRESQL = [
    f"""
    CREATE FUNCTION {NAME}() RETURNS trigger AS $$
    BEGIN
        IF OLD.state = 'published' THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation',
                CONSTRAINT = '{NAME}';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER {NAME} BEFORE UPDATE OR DELETE ON opendata_release
    FOR EACH ROW EXECUTE FUNCTION {NAME}();
    """,
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS {NAME} ON opendata_release;",
    f"DROP FUNCTION IF EXISTS {NAME}();",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, []):
        schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}.get(vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_releases_and_publications")]

    operations = [migrations.RunPython(create, drop)]
