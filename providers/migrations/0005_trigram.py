"""pg_trgm for the offer search's tolerance of one typing error, with a trigram index on
offer titles (the ``%>`` word-similarity operator uses it).

Only on PostgreSQL: ``TrigramExtension`` and the index do nothing on other databases
(SQLite corrects typing errors against a vocabulary in Python instead). The index is not
part of the model state: it serves one operator of the search and needs the extension.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "providers_offer_title_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON providers_offer USING gin (title gin_trgm_ops)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0004_structured_offers_data"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
