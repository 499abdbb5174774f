"""A typo in ``DJANGO_2FA_REQUIRED_ROLES`` would switch the second factor off unnoticed."""

from django.conf import settings
from django.core.checks import Error

from sozialraum.roles import ROLE_NAMES


def check_required_roles(app_configs=None, **kwargs):
    unknown = [role for role in settings.TWO_FACTOR_REQUIRED_ROLES if role not in ROLE_NAMES]
    if not unknown:
        return []
    return [
        Error(
            f"TWO_FACTOR_REQUIRED_ROLES nennt unbekannte Rollen: {', '.join(unknown)}",
            hint=f"Erlaubt sind: {', '.join(ROLE_NAMES)} (Umgebungsvariable DJANGO_2FA_REQUIRED_ROLES).",
            id="accounts.E001",
        )
    ]
