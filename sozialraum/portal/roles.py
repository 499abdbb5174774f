"""What each staff role may do: the permission tables of the groups "Redaktion",
"Administration" and "Anbieter", and their synchronisation.

The groups follow the models after every ``migrate`` (``PortalConfig.ready`` connects
:func:`roles_sync_after_migrate`). The demo loader and tests call :func:`user_assign_role`.
Role names and "does this user hold a role" live in the core (``sozialraum.roles``).
"""

from sozialraum.roles import ADMINISTRATION, EDITORS, PROVIDER, ROLE_NAMES

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# (app_label, model_name) -> actions, per role.
_EDITOR_PERMISSIONS = {
    ("providers", "provider"): ALL,
    ("providers", "offer"): ALL,
    ("providers", "openingslot"): ALL,
    ("providers", "servicetype"): ALL,
    ("providers", "overlapreview"): ("view", "add"),
    ("measures", "measure"): ALL,
    ("measures", "fundingline"): ALL,
    ("measures", "measuredocument"): ALL,
    ("measures", "goal"): ALL,
    ("measures", "fundingprogramme"): ALL,
    ("measures", "effect"): ALL,
    ("workshops", "workshop"): ALL,
    ("workshops", "workshopseries"): ALL,
    ("workshops", "participant"): ALL,
    ("workshops", "workshopresult"): ALL,
    ("workshops", "workshopdocument"): ALL,
    ("network", "cooperation"): ALL,
    ("workshops", "registration"): ("view", "delete"),
    ("sozialraum", "indicator"): ALL,
    ("sozialraum", "indicatorvalue"): ALL,
    ("sozialraum", "cityindicatorvalue"): ALL,
    ("sozialraum", "conceptedition"): ("view", "add"),
    ("sozialraum", "quarter"): VIEW,
    ("sozialraum", "targetgroup"): VIEW,
    ("sozialraum", "fieldofaction"): VIEW,
    ("sozialraum", "language"): VIEW,
    ("sozialraum", "swotitem"): VIEW,
    ("sozialraum", "programme"): VIEW,
    ("public", "infopage"): ("view", "change"),
    ("public", "accessibilitystatement"): ("view", "change"),
    ("public", "knownbarrier"): ALL,
    ("public", "barrierreport"): ("view", "change", "delete"),
    # Their own background jobs (draft, publishing, import, exports): status pages and results.
    ("operations", "job"): VIEW,
}

_PROVIDER_PERMISSIONS = {
    ("providers", "provider"): ("view", "change"),
    ("providers", "offer"): ALL,
    ("providers", "openingslot"): ALL,
    ("providers", "servicetype"): VIEW,
    # Read access to the lists the offer form picks from (autocomplete).
    ("sozialraum", "quarter"): VIEW,
    ("sozialraum", "targetgroup"): VIEW,
    ("sozialraum", "fieldofaction"): VIEW,
    ("sozialraum", "language"): VIEW,
}

# Administration: every permission of these apps ("accounts": the history of users and groups).
_ADMINISTRATION_APPS = [
    "auth", "admin", "axes", "accounts", "sozialraum", "providers", "measures", "workshops", "network", "public",
    "operations",
]


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


def roles_sync_after_migrate(**kwargs):
    """post_migrate receiver of the portal, the last app: Django has just created the
    permissions of every model, so the groups can take them."""
    roles_sync()


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
