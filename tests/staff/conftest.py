import pytest

from providers.models import ProviderAccount
from sozialraum.portal import roles
from tests import factories


@pytest.fixture(autouse=True)
def staff_roles(db):
    """The groups of the roles migration. Transactional tests elsewhere (browser tests) flush
    the database, which removes data that migrations created; then the groups come back here."""
    from django.contrib.auth.models import Group

    if Group.objects.filter(name__in=roles.ROLE_NAMES).count() != len(roles.ROLE_NAMES):
        roles.roles_sync()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def role_user(username, role):
    user = factories.UserFactory(username=username)
    roles.user_assign_role(user=user, role=role)
    return user


@pytest.fixture
def editor(db):
    """A member of the Redaktion."""
    return role_user("redaktion", roles.EDITORS)


@pytest.fixture
def administrator(db):
    return role_user("administration", roles.ADMINISTRATION)


@pytest.fixture
def staff_without_permissions(db):
    """Logged into the admin (is_staff) but in no group and with no permission."""
    return factories.StaffUserFactory(username="ohne-rechte")


@pytest.fixture
def own_provider(db):
    return factories.ProviderFactory(name="Caritas Iserlohn", slug="caritas-iserlohn")


@pytest.fixture
def other_provider(db):
    return factories.ProviderFactory(name="Diakonie Mark-Ruhr", slug="diakonie-mark-ruhr")


@pytest.fixture
def provider_user(db, own_provider):
    """A provider account (self-service) for ``own_provider``."""
    user = role_user("caritas", roles.PROVIDER)
    ProviderAccount.objects.create(user=user, provider=own_provider)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def provider_client(client, provider_user):
    client.force_login(provider_user)
    return client
