"""The staff roles by name, and whether a user holds one.

What each role may do, and the groups that carry it, are defined in the portal layer
(``sozialraum.portal.roles``), since they name the models of every app.

- Redaktion: keeps the catalogue, measures, workshops and indicators current, reviews
  overlaps and publishes concept editions.
- Administration: users, groups and everything else.
- Anbieter: a provider's own login (self-service, see ``providers.accounts``).
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "Redaktion"
ADMINISTRATION = "Administration"
PROVIDER = "Anbieter"

ROLE_NAMES = [EDITORS, ADMINISTRATION, PROVIDER]
ROLE_LABELS = {
    EDITORS: _("Redaktion"),
    ADMINISTRATION: _("Administration"),
    PROVIDER: _("Anbieter (Selbstpflege)"),
}


def user_has_role(user, role):
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache


def is_editorial_staff(user):
    """Redaktion, Administration or superuser: sees and confirms every provider."""
    return user.is_active and (
        user.is_superuser or user_has_role(user, EDITORS) or user_has_role(user, ADMINISTRATION)
    )
