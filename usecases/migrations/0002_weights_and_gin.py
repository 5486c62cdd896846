from django.db import migrations

from corridor.pgonly import PostgresOnlySQL


def create_weights(apps, schema_editor):
    CriterionWeights = apps.get_model("usecases", "CriterionWeights")
    if not CriterionWeights.objects.exists():
        CriterionWeights.objects.create()


class Migration(migrations.Migration):
    dependencies = [("usecases", "0001_initial")]

    operations = [
        migrations.RunPython(create_weights, migrations.RunPython.noop),
        PostgresOnlySQL(
            "CREATE INDEX use_case_sectors_gin ON usecases_usecase "
            "USING gin (sectors jsonb_path_ops);"
            "CREATE INDEX use_case_capabilities_gin ON usecases_usecase "
            "USING gin (needed_capabilities jsonb_path_ops);",
            "DROP INDEX IF EXISTS use_case_sectors_gin;"
            "DROP INDEX IF EXISTS use_case_capabilities_gin;",
        ),
    ]
