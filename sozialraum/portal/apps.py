from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "sozialraum.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .roles import roles_sync_after_migrate

        # Like Django's own permissions, the role groups follow the models after every
        # migrate (and after a test database is flushed).
        post_migrate.connect(roles_sync_after_migrate, sender=self, dispatch_uid="portal-roles-sync")
