"""Creates the staff roles "Redaktion", "Administration" and "Anbieter" with their permissions.

Permissions are normally created after ``migrate`` (post_migrate signal); this migration
creates them first so that it can assign them in a fresh database. Running it again
(or after new models) brings the groups up to date; reversing it removes the groups.
"""

from django.db import migrations

from sozialraum.roles import ROLE_NAMES, roles_migrate


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sozialraum", "0001_initial"),
        ("providers", "0001_initial"),
        ("measures", "0001_initial"),
        ("workshops", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        migrations.RunPython(roles_migrate, remove_roles),
    ]
