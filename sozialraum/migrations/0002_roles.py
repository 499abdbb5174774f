"""Formerly created the staff roles here; they now follow the models after every
``migrate`` (``sozialraum.portal.roles``), so the core needs no dependency on the apps.

Kept as an empty step so that databases which applied it stay consistent. Reversing it
still removes the groups.
"""

from django.db import migrations

ROLE_NAMES = ["Redaktion", "Administration", "Anbieter"]


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sozialraum", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, remove_roles),
    ]
