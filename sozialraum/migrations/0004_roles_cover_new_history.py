"""Brings the roles up to date for the history of languages and provider accounts."""

from django.db import migrations

from sozialraum.roles import roles_migrate


class Migration(migrations.Migration):
    dependencies = [
        ("sozialraum", "0003_history_language"),
        ("providers", "0002_history_provideraccount"),
    ]

    operations = [
        migrations.RunPython(roles_migrate, migrations.RunPython.noop),
    ]
