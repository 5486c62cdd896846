"""Full-text search over use cases, maintained by PostgreSQL itself.

``search_vector`` is a stored generated column — Dutch and English stemming of
title, summary, problem and expected outcome — with a GIN index. It is not a
model field: Django never writes it, and ``UseCaseQuerySet.search`` matches
against it. SQLite (the demo database) has no such column and searches with a
plain case-insensitive match instead.
"""

from django.db import migrations

from corridor.pgonly import PostgresOnlySQL

DOCUMENT = "title || ' ' || summary || ' ' || problem || ' ' || expected_outcome"


class Migration(migrations.Migration):
    dependencies = [("usecases", "0002_weights_and_gin")]

    operations = [
        PostgresOnlySQL(
            "ALTER TABLE usecases_usecase ADD COLUMN search_vector tsvector "
            "GENERATED ALWAYS AS ("
            f"to_tsvector('dutch'::regconfig, {DOCUMENT}) || "
            f"to_tsvector('english'::regconfig, {DOCUMENT})"
            ") STORED;"
            "CREATE INDEX use_case_search_vector_gin ON usecases_usecase "
            "USING gin (search_vector);",
            "DROP INDEX IF EXISTS use_case_search_vector_gin;"
            "ALTER TABLE usecases_usecase DROP COLUMN IF EXISTS search_vector;",
        ),
    ]
