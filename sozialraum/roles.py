"""Staff roles: the groups "Redaktion", "Administration" and "Anbieter" and their permissions.

The groups are created by the data migration ``sozialraum/migrations/0002_roles.py``,
which calls :func:`roles_sync`. The demo loader and tests call :func:`user_assign_role`.

- Redaktion: keeps providers, offers, measures, workshops and indicators current, reviews
  overlaps and publishes concept editions; reads the reference lists (quarters, target
  groups, …) it needs for the forms.
- Administration: users, groups and everything else.
- Anbieter: a provider's own login (self-service, see ``providers.ProviderAccount``); may
  change its provider entry and its offers, nothing else.
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

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# (app_label, model_name) -> actions, per role.
_EDITOR_PERMISSIONS = {
    ("providers", "provider"): ALL,
    ("providers", "offer"): ALL,
    ("providers", "overlapreview"): ("view", "add"),
    ("measures", "measure"): ALL,
    ("measures", "fundingline"): ALL,
    ("measures", "measuredocument"): ALL,
    ("measures", "goal"): ALL,
    ("measures", "fundingprogramme"): ALL,
    ("workshops", "workshop"): ALL,
    ("workshops", "workshopseries"): ALL,
    ("workshops", "participant"): ALL,
    ("workshops", "workshopresult"): ALL,
    ("workshops", "workshopdocument"): ALL,
    ("sozialraum", "indicator"): ALL,
    ("sozialraum", "indicatorvalue"): ALL,
    ("sozialraum", "conceptedition"): ("view", "add"),
    ("sozialraum", "quarter"): VIEW,
    ("sozialraum", "targetgroup"): VIEW,
    ("sozialraum", "fieldofaction"): VIEW,
    ("sozialraum", "language"): VIEW,
    ("sozialraum", "swotitem"): VIEW,
    ("sozialraum", "programme"): VIEW,
}

_PROVIDER_PERMISSIONS = {
    ("providers", "provider"): ("view", "change"),
    ("providers", "offer"): ALL,
    # Read access to the lists the offer form picks from (autocomplete).
    ("sozialraum", "quarter"): VIEW,
    ("sozialraum", "targetgroup"): VIEW,
    ("sozialraum", "fieldofaction"): VIEW,
    ("sozialraum", "language"): VIEW,
}

# Administration: every permission of these apps.
_ADMINISTRATION_APPS = ["auth", "admin", "axes", "sozialraum", "providers", "measures", "workshops"]


def role_permission_codes(role):
    """``("app_label", "codename")`` pairs the role holds (Administration: see ``_ADMINISTRATION_APPS``)."""
    if role == EDITORS:
        table = _EDITOR_PERMISSIONS
    elif role == PROVIDER:
        table = _PROVIDER_PERMISSIONS
    else:
        raise ValueError(role)
    return [(app, f"{action}_{model}") for (app, model), actions in table.items() for action in actions]


def roles_sync(*, apps=None):
    """Creates or updates the three groups with exactly their permissions (idempotent).

    ``apps`` is the migration's app registry (historical models); the live registry otherwise.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions_for(pairs):
        wanted = set(pairs)
        found = [
            perm
            for perm in Permission.objects.filter(
                content_type__app_label__in={app for app, _code in wanted},
                codename__in={code for _app, code in wanted},
            ).select_related("content_type")
            if (perm.content_type.app_label, perm.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        if missing:
            raise LookupError(f"Berechtigungen fehlen: {sorted(missing)}")
        return found

    for role in (EDITORS, PROVIDER):
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions_for(role_permission_codes(role)))

    group, _created = Group.objects.get_or_create(name=ADMINISTRATION)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=_ADMINISTRATION_APPS))


def roles_migrate(apps, schema_editor):
    """For data migrations: creates the permissions of every model known so far (Django
    makes them only after ``migrate``), then brings the groups up to date. A migration that
    adds models calls it again so that the roles cover them."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_sync(apps=apps)


def user_assign_role(*, user, role):
    """Puts ``user`` into the role's group and makes them staff (admin login)."""
    from django.contrib.auth.models import Group

    if role not in ROLE_NAMES:
        raise ValueError(role)
    group = Group.objects.get(name=role)
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


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


def is_self_service(user):
    """A provider's own login: has a ``ProviderAccount`` or is in "Anbieter", and is not editorial staff."""
    if not user.is_authenticated or is_editorial_staff(user):
        return False
    return user_has_role(user, PROVIDER) or self_service_provider_id(user) is not None


def self_service_provider_id(user):
    """The provider a self-service login may edit (None if it has no ``ProviderAccount``)."""
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_self_service_provider_id", False)
    if cache is False:
        from providers.models import ProviderAccount

        cache = ProviderAccount.objects.filter(user=user).values_list("provider_id", flat=True).first()
        user._self_service_provider_id = cache
    return cache
