from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the portal: background jobs, health check, backup and restore."""

    name = "sozialraum.operations"
    label = "operations"
    verbose_name = _("Betrieb")
    default_auto_field = "django.db.models.BigAutoField"
