"""Formerly brought the roles up to date; they now follow the models after every
``migrate`` (``sozialraum.portal.roles``). Kept as an empty step."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sozialraum", "0003_history_language"),
    ]

    operations = []
