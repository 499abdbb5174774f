import pytest

from tests import factories


@pytest.fixture
def staff_user(db):
    """A staff member with every permission (the Administration role's reach)."""
    return factories.SuperUserFactory(username="verwaltung")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def plain_user(db):
    """A logged-in person without staff status or permissions."""
    return factories.UserFactory(username="buerger")


@pytest.fixture
def quarter(db):
    return factories.QuarterFactory(name="Südliche Innenstadt/Obere Mühle", slug="suedliche-innenstadt")


@pytest.fixture
def target_group(db):
    return factories.TargetGroupFactory(name="Senioren", slug="senioren")
