"""Named test users, one per role, for every test folder.

- ``plain_user``: logged in, no staff status, no permission (a resident with an account).
- ``staff_without_permissions``: may log into the admin, but in no group.
- ``provider_user``: the role "Anbieter" with a provider account for ``own_provider``.
- ``editor``: the role "Redaktion".
- ``administrator``: the role "Administration".

Each has a ``*_client`` fixture logged in as that user. They all share pytest-django's
``client``: a test that needs two sessions at once makes a second ``Client()`` itself.
No fixture here is a superuser.
"""

import functools

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from providers.models import ProviderAccount
from sozialraum.portal import roles
from tests import factories


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or not {"transactional_db", "live_server"}.isdisjoint(
        getattr(item, "fixturenames", ())
    )


@functools.cache
def _default_pages_state_apps():
    """The models as the data migration of the default pages sees them (no signals)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection).project_state(("public", "0002_default_pages")).apps


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Transactional tests (browser tests against the live server) end with a flush, which
    also removes what data migrations created: the service-type taxonomy. The role groups
    come back by themselves (post_migrate); the taxonomy is created again here, after the
    flush, so that the tests after them see the database that ``migrate`` made."""
    yield
    if nextitem is None or not _is_transactional(item):
        return  # the last test: the test database is gone already, and nobody needs it
    import importlib

    from django.apps import apps
    from pytest_django.plugin import blocking_manager_key

    from providers.models import ServiceType
    from sozialraum.portal.public.models import InfoPage

    with item.config.stash[blocking_manager_key].unblock():
        if not ServiceType.objects.exists():
            importlib.import_module("providers.migrations.0004_structured_offers_data").create_taxonomy(apps)
        if not InfoPage.objects.exists():  # the default legal pages and accessibility statement
            # with the migration's own models: the real ones would also write history rows
            # through django-simple-history's signals, and the pages would look edited
            importlib.import_module("sozialraum.portal.public.migrations.0002_default_pages").create_defaults(
                _default_pages_state_apps(), None
            )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def german_at_the_start():
    """Every test starts in German: a request in English leaves English active in the
    thread (the locale middleware activates a language and never resets it)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


def role_user(username, role):
    user = factories.UserFactory(username=username)
    roles.user_assign_role(user=user, role=role)
    return user


@pytest.fixture
def plain_user(db):
    """A logged-in person without staff status or permissions."""
    return factories.UserFactory(username="buerger")


@pytest.fixture
def staff_without_permissions(db):
    """Logged into the admin (is_staff) but in no group and with no permission."""
    return factories.StaffUserFactory(username="ohne-rechte")


@pytest.fixture
def own_provider(db):
    """The provider whose account ``provider_user`` is."""
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
def editor(db):
    """A member of the Redaktion."""
    return role_user("redaktion", roles.EDITORS)


@pytest.fixture
def administrator(db):
    """A member of the Administration (users, groups and everything else). Its role requires a
    second factor: it has one, and its logins (``force_login`` too) count as verified by it."""
    user = role_user("administration", roles.ADMINISTRATION)
    user.otp_device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    return user


@pytest.fixture
def plain_client(client, plain_user):
    client.force_login(plain_user)
    return client


@pytest.fixture
def staff_without_permissions_client(client, staff_without_permissions):
    client.force_login(staff_without_permissions)
    return client


@pytest.fixture
def provider_client(client, provider_user):
    client.force_login(provider_user)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def administrator_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def quarter(db):
    return factories.QuarterFactory(name="Südliche Innenstadt/Obere Mühle", slug="suedliche-innenstadt")


@pytest.fixture
def target_group(db):
    return factories.TargetGroupFactory(name="Senioren", slug="senioren")


# --- The cache: Redis when it runs (CI requires it), cleared before every test -----------

TEST_REDIS_URL = "redis://127.0.0.1:6379/{db}"


def _test_cache_settings():
    """Redis at 127.0.0.1:6379 (db TEST_REDIS_DB, default 15: parallel runs pick their own),
    or, where no Redis runs, the process's memory."""
    import os

    import redis

    url = os.environ.get("TEST_REDIS_URL") or TEST_REDIS_URL.format(db=os.environ.get("TEST_REDIS_DB", "15"))
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise pytest.UsageError(f"Redis ist nicht erreichbar ({url}): in CI laufen die Tests mit Redis.")
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {"default": {"BACKEND": "sozialraum.common.redis_cache.ReusingRedisCache", "LOCATION": url}}


@pytest.fixture(scope="session", autouse=True)
def test_cache():
    from django.test.utils import override_settings

    cache_settings = _test_cache_settings()
    with override_settings(CACHES=cache_settings):
        yield cache_settings["default"]


@pytest.fixture(autouse=True)
def clear_cache(test_cache):
    from django.core.cache import cache

    from sozialraum.common import pagecache

    cache.clear()
    pagecache.forget_local_pages()
