"""PostgreSQL: an offer's target group ids on its own row, kept by statement triggers, with
a GIN index, for the offer search (providers/search_index.py). Nothing on SQLite."""

from django.db import migrations


def install(apps, schema_editor):
    from providers import search_index

    search_index.install_target_groups(schema_editor.connection)


def uninstall(apps, schema_editor):
    from providers import search_index

    search_index.uninstall_target_groups(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0008_folded_search_text"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
