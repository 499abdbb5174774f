"""A first history record for every user and group that existed before the history began, so
that the first change after it shows what changed (groups, permissions, flags)."""

from django.db import migrations
from django.utils import timezone

REASON = "Stand bei Einführung der Historie"
USER_FIELDS = ["id", "username", "first_name", "last_name", "email", "is_staff", "is_active", "is_superuser"]


def baseline(apps, schema_editor):
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    HistoricalUser = apps.get_model("accounts", "HistoricalUser")
    HistoricalUserGroups = apps.get_model("accounts", "HistoricalUser_groups")
    HistoricalUserPermissions = apps.get_model("accounts", "HistoricalUser_user_permissions")
    HistoricalGroup = apps.get_model("accounts", "HistoricalGroup")
    HistoricalGroupPermissions = apps.get_model("accounts", "HistoricalGroup_permissions")
    now = timezone.now()
    common = {"history_date": now, "history_type": "~", "history_change_reason": REASON}

    for user in User.objects.exclude(pk__in=HistoricalUser.objects.values("id")).iterator():
        record = HistoricalUser.objects.create(**{name: getattr(user, name) for name in USER_FIELDS}, **common)
        HistoricalUserGroups.objects.bulk_create(
            HistoricalUserGroups(history=record, id=row.id, user_id=row.user_id, group_id=row.group_id)
            for row in User.groups.through.objects.filter(user=user)
        )
        HistoricalUserPermissions.objects.bulk_create(
            HistoricalUserPermissions(history=record, id=row.id, user_id=row.user_id, permission_id=row.permission_id)
            for row in User.user_permissions.through.objects.filter(user=user)
        )

    for group in Group.objects.exclude(pk__in=HistoricalGroup.objects.values("id")).iterator():
        record = HistoricalGroup.objects.create(id=group.id, name=group.name, **common)
        HistoricalGroupPermissions.objects.bulk_create(
            HistoricalGroupPermissions(history=record, id=row.id, group_id=row.group_id, permission_id=row.permission_id)
            for row in Group.permissions.through.objects.filter(group=group)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(baseline, migrations.RunPython.noop),
    ]
