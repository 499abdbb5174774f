"""Who gave whom which role: the history of users, their groups and permissions, and of the
groups' permissions (django-simple-history; the historical tables belong to this app).

No password hashes and no login times are kept: ``password`` and ``last_login`` are left out,
and a save that only notes a login writes no record; nor is ``date_joined``, which the admin
form would otherwise show as changed on every save (it drops the microseconds). Group memberships changed from the
group's side (``group.user_set.add(user)``) are recorded on each user concerned.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from simple_history import register
from simple_history.models import HistoricalRecords


class AccountHistoricalRecords(HistoricalRecords):
    def post_save(self, instance, created, using=None, **kwargs):
        if not created and kwargs.get("update_fields") == frozenset({"last_login"}):
            return  # a login, not a change
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        # Changed from the other side: ``instance`` is the group (or permission), ``pk_set``
        # the users; a clear is recorded for the members noted just before it.
        accessor = self.cls._meta.get_field(attr).remote_field.get_accessor_name()
        if action == "pre_clear":
            instance._history_cleared_pks = list(getattr(instance, accessor).values_list("pk", flat=True))
            return
        if action == "post_clear":
            pk_set = getattr(instance, "_history_cleared_pks", [])
        if action in ("post_add", "post_remove", "post_clear"):
            for changed in self.cls._default_manager.filter(pk__in=pk_set or []):
                super().m2m_changed(changed, action, attr, pk_set, False, **kwargs)


register(
    get_user_model(),
    app="sozialraum.portal.accounts",
    records_class=AccountHistoricalRecords,
    m2m_fields=["groups", "user_permissions"],
    excluded_fields=["password", "last_login", "date_joined"],
)
register(
    Group,
    app="sozialraum.portal.accounts",
    records_class=AccountHistoricalRecords,
    m2m_fields=["permissions"],
)
