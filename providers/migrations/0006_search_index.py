"""The directory search's index, on PostgreSQL and on SQLite (see providers/search_index.py).

Runs only what fits the database: generated tsvector and text columns with GIN and
trigram indexes on PostgreSQL, FTS5 tables with triggers on SQLite.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    from providers import search_index

    search_index.install(schema_editor.connection)


def drop_index(apps, schema_editor):
    from providers import search_index

    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0005_trigram"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
