"""PostgreSQL: the search index's text columns folded (lower case, umlauts and ß written
out), so that the directory and offer search match word parts with one plain LIKE per word
(providers/search_index.py). Nothing to do on SQLite, whose index is folded already."""

from django.db import migrations


def refold(apps, schema_editor):
    from providers import search_index

    search_index.refold_postgres(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0007_offer_placement"),
    ]

    operations = [
        # backwards the folded columns stay: the older search's ILIKE finds the same in them
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
