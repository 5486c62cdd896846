from django.db import migrations

from corridor.pgonly import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0002_initial")]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX organisation_capabilities_gin ON coalitions_organisation "
            "USING gin (capabilities jsonb_path_ops);",
            "DROP INDEX IF EXISTS organisation_capabilities_gin;",
        ),
    ]
