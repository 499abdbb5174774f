import pytest

from tests import factories


@pytest.fixture
def other_quarter(db):
    return factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle", order=2)


@pytest.fixture
def other_target_group(db):
    return factories.TargetGroupFactory(name="Familien", slug="familien", order=2)


@pytest.fixture
def caritas(db):
    return factories.ProviderFactory(name="Caritas", slug="caritas")


@pytest.fixture
def diakonie(db):
    return factories.ProviderFactory(name="Diakonie", slug="diakonie")


@pytest.fixture
def awo(db):
    return factories.ProviderFactory(name="AWO", slug="awo")
