"""Property-based fuzzing of every public page and every filter parameter: whatever a
visitor or a scanner puts into the query string (random text, NUL and control characters,
huge values, repeated parameters, unknown names), the portal answers without a server
error. Bounded: a fixed number of examples per page, no deadline, derandomised so that
CI runs the same cases every time.

The HSDS API is fuzzed against its own OpenAPI document in ``tests/providers/hsds``.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from measures.filters import MeasureFilter
from providers.filters import ProviderFilter
from providers.offers.filters import OfferFilter
from tests import factories

pytestmark = pytest.mark.django_db

EXAMPLES = 30

# Every public page with the filter parameters it reads (the filter sets' own names, so a new
# filter is fuzzed too), plus names that pages read outside a filter set.
PAGING = ["page"]
LIST_PAGES = {
    "providers:provider-list": [*ProviderFilter.base_filters, *PAGING],
    "offers:offer-list": [*OfferFilter.base_filters, *PAGING],
    "offers:offer-guide": [*OfferFilter.base_filters],
    "measures:measure-list": [*MeasureFilter.base_filters, *PAGING],
    "workshops:workshop-list": PAGING,
    "workshops:calendar": [],
    "sozialraum:home": [],
    "concept:edition-list": PAGING,
    "concept:current": [],
}

texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=5),  # NUL and control characters
    st.sampled_from(["", "0", "-1", "1e9", "9" * 400, "x" * 5000, "2026-02-30", "25:00", "51.3,7.6", "nan,inf",
                     "<script>alert(1)</script>", "' OR 1=1 --", "%00", "../../etc/passwd", "ÄÖÜß", "🙂"]),
)


def _params(names):
    """A list of (name, value) pairs: known and unknown names, repeated names allowed."""
    name = st.sampled_from(names) if names else st.nothing()
    return st.lists(st.tuples(st.one_of(name, st.text(max_size=10)), texts), max_size=6)


def _query(pairs):
    query = {}
    for name, value in pairs:
        query.setdefault(name, []).append(value)
    return query


@pytest.fixture
def catalogue(db):
    quarter = factories.QuarterFactory(slug="innenstadt")
    group = factories.TargetGroupFactory(slug="familien")
    offer = factories.OfferFactory(slug="beratung", quarters=[quarter], target_groups=[group])
    factories.OpeningSlotFactory(offer=offer)
    measure = factories.MeasureFactory(slug="massnahme")
    workshop = factories.WorkshopFactory(slug="werkstatt")
    return {
        "providers:provider-detail": {"slug": offer.provider.slug},
        "offers:offer-detail": {"provider": offer.provider.slug, "slug": offer.slug},
        "measures:measure-detail": {"slug": measure.slug},
        "workshops:workshop-detail": {"slug": workshop.slug},
        "workshops:workshop-ical": {"slug": workshop.slug},
        "sozialraum:quarter-detail": {"slug": quarter.slug},
    }


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("name", sorted(LIST_PAGES))
def test_list_pages_never_answer_with_a_server_error(client, catalogue, name):
    url = reverse(name)

    @FUZZ
    @given(pairs=_params(LIST_PAGES[name]))
    def run(pairs):
        response = client.get(url, _query(pairs))
        assert response.status_code < 500, (url, pairs)

    run()


@pytest.mark.parametrize(
    "name",
    [
        "providers:provider-detail",
        "offers:offer-detail",
        "measures:measure-detail",
        "workshops:workshop-detail",
        "workshops:workshop-ical",
        "sozialraum:quarter-detail",
    ],
)
def test_detail_pages_never_answer_with_a_server_error(client, catalogue, name):
    url = reverse(name, kwargs=catalogue[name])

    @FUZZ
    @given(pairs=_params([]))
    def run(pairs):
        response = client.get(url, _query(pairs))
        assert response.status_code < 500, (url, pairs)

    run()


@FUZZ
@given(slug=st.text(min_size=1, max_size=60))
def test_unknown_or_odd_slugs_are_not_found_not_a_crash(client, slug):
    for prefix in ("/anbieter/", "/angebote/x/", "/massnahmen/", "/werkstaetten/", "/quartiere/", "/konzept/"):
        response = client.get(prefix + slug.replace("/", "") + "/")
        assert response.status_code < 500, (prefix, slug)
