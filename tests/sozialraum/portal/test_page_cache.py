"""The page cache: anonymous readers get cached pages, never stale ones.

Each kind of write is made as staff (or a command) make it; the next anonymous GET must
show it. Logged-in users and staff pages never come from the cache.
"""

import datetime as dt
import gzip
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from providers.models import Offer, OverlapReview, Provider
from providers.overlaps import services as overlap_services
from sozialraum.common import pagecache
from sozialraum.portal.concept.render import RenderedConcept
from sozialraum.portal.concept.services import edition_publish
from tests import factories
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """An anonymous resident with a browser of their own."""
    return Client()


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def cached_page(reader, url):
    """GETs ``url`` twice; the second answer must come from the cache."""
    first = reader.get(url)
    assert first.status_code == 200
    second = reader.get(url)
    assert second["X-Page-Cache"] == "hit"
    return second.content.decode()


def admin_edit(client, obj, **changes):
    data = admin_form_data(client.get(change_url(obj)))
    data.update(changes)
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context["adminform"].form.errors


# --- what is cached ---------------------------------------------------------------------


def test_second_anonymous_get_comes_from_the_cache_without_queries(reader, django_assert_num_queries):
    provider = factories.ProviderFactory(name="Caritas Iserlohn")
    reader.get(provider.get_absolute_url())

    with django_assert_num_queries(0):
        response = reader.get(provider.get_absolute_url())

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert "Caritas Iserlohn" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/anbieter/",
        "/anbieter/?q=beratung",
        "/angebote/?q=beratung",
        "/massnahmen/",
        "/werkstaetten/",
        "/werkstaetten/kalender.ics",
        "/api/hsds/services",
        "/konzept/",
    ],
)
def test_public_pages_feeds_api_and_searches_are_cached(reader, url):
    factories.OfferFactory(title="Schuldnerberatung")
    cached_page(reader, url)


def test_query_string_is_part_of_the_key(reader):
    factories.ProviderFactory(name="Caritas Iserlohn")
    factories.ProviderFactory(name="Diakonie Mark-Ruhr")
    cached_page(reader, "/anbieter/?q=caritas")

    other = reader.get("/anbieter/?q=diakonie")

    assert "X-Page-Cache" not in other
    assert "Diakonie Mark-Ruhr" in other.content.decode()
    assert "Caritas Iserlohn" not in other.content.decode()


def test_interface_language_is_part_of_the_key(reader):
    cached_page(reader, "/massnahmen/")
    english = Client()
    english.cookies["django_language"] = "en"

    response = english.get("/massnahmen/")

    assert "X-Page-Cache" not in response
    assert response.content.decode().count('lang="en"') >= 1


def test_cached_page_answers_a_matching_etag_with_304(reader):
    provider = factories.ProviderFactory()
    first = reader.get(provider.get_absolute_url())
    etag = first["ETag"]

    response = reader.get(provider.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_etag_changes_with_the_content(reader):
    provider = factories.ProviderFactory(name="Alter Name")
    etag = reader.get(provider.get_absolute_url())["ETag"]
    provider.name = "Neuer Name"
    provider.save()

    response = reader.get(provider.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "Neuer Name" in response.content.decode()


def test_browsers_get_the_cached_page_compressed_and_the_same(reader):
    factories.ProviderFactory(name="Caritas Iserlohn")
    plain = reader.get("/anbieter/")

    first = reader.get("/anbieter/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    second = reader.get("/anbieter/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == plain.content
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 3
        assert "Accept-Encoding" in response["Vary"]
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]


def test_compressed_page_has_its_own_etag_and_answers_it_with_304(reader):
    factories.ProviderFactory()
    plain_etag = reader.get("/anbieter/")["ETag"]
    gzip_etag = reader.get("/anbieter/", HTTP_ACCEPT_ENCODING="gzip")["ETag"]

    response = reader.get("/anbieter/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=gzip_etag)

    assert gzip_etag != plain_etag
    assert response.status_code == 304
    assert reader.get("/anbieter/", HTTP_IF_NONE_MATCH=plain_etag).status_code == 304


def test_pages_with_a_form_token_are_never_compressed():
    """BREACH: no compression of a page that carries a secret."""
    visitor = Client()
    visitor.get("/barrierefreiheit/barriere-melden/")  # hands out the token cookie

    responses = [visitor.get("/barrierefreiheit/barriere-melden/", HTTP_ACCEPT_ENCODING="gzip") for _ in range(2)]

    assert responses[1]["X-Page-Cache"] == "hit"
    for response in responses:
        assert "Content-Encoding" not in response
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_pages_must_be_revalidated_by_browsers(reader):
    response = reader.get("/massnahmen/")
    assert "max-age=0" in response["Cache-Control"] and "must-revalidate" in response["Cache-Control"]


def test_feed_without_form_token_may_be_kept_by_shared_caches(reader):
    response = reader.get("/werkstaetten/kalender.ics")
    assert "public" in response["Cache-Control"]


def test_cached_page_carries_the_visitors_own_form_token():
    """A form's CSRF token on a cached page must work for whoever gets it (the barrier form;
    the first visitor already holds a token, so the page sets no cookie and is stored)."""
    first = Client(enforce_csrf_checks=True)
    first.get("/barrierefreiheit/barriere-melden/")  # hands out the token cookie
    cached_page(first, "/barrierefreiheit/barriere-melden/")
    second = Client(enforce_csrf_checks=True)

    page = second.get("/barrierefreiheit/barriere-melden/")
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = second.post(
        "/barrierefreiheit/barriere-melden/",
        {"message": "Die Karte ist mit der Tastatur nicht bedienbar.", "csrfmiddlewaretoken": token},
    )

    assert page["X-Page-Cache"] == "hit"
    assert response.status_code == 302


# --- never stale: each kind of write ------------------------------------------------------


def test_admin_edit_shows_at_once(reader, editor_client):
    provider = factories.ProviderFactory(name="Alter Name")
    assert "Alter Name" in cached_page(reader, provider.get_absolute_url())

    admin_edit(editor_client, provider, name="Neuer Name")

    assert "Neuer Name" in reader.get(provider.get_absolute_url()).content.decode()


def test_admin_delete_shows_at_once(reader, editor_client):
    provider = factories.ProviderFactory(name="Bald gelöscht")
    assert "Bald gelöscht" in cached_page(reader, "/anbieter/")
    url = reverse("admin:providers_provider_delete", args=[provider.pk])

    assert editor_client.post(url, {"post": "yes"}).status_code == 302

    assert "Bald gelöscht" not in reader.get("/anbieter/").content.decode()


def test_change_of_a_many_to_many_relation_shows_at_once(reader):
    offer = factories.OfferFactory(title="Seniorentreff")
    group = factories.TargetGroupFactory(name="Alleinerziehende")
    cached_page(reader, offer.provider.get_absolute_url())

    offer.target_groups.add(group)

    assert "Alleinerziehende" in reader.get(offer.provider.get_absolute_url()).content.decode()


def test_provider_self_service_shows_at_once(reader, provider_client, own_provider):
    assert "02371 555" not in cached_page(reader, own_provider.get_absolute_url())

    admin_edit(provider_client, own_provider, phone="02371 555")

    assert "02371 555" in reader.get(own_provider.get_absolute_url()).content.decode()


def test_history_restore_shows_at_once(reader, editor_client):
    measure = factories.MeasureFactory(title="Ursprünglicher Titel")
    admin_edit(editor_client, measure, title="Falscher Titel")
    assert "Falscher Titel" in cached_page(reader, measure.get_absolute_url())
    original = measure.history.order_by("history_date").first()
    url = reverse("admin:measures_measure_simple_history", args=[measure.pk, original.history_id])

    assert editor_client.post(url, admin_form_data(editor_client.get(url))).status_code == 302

    page = reader.get(measure.get_absolute_url()).content.decode()
    assert "Ursprünglicher Titel" in page and "Falscher Titel" not in page


def test_catalogue_import_command_shows_at_once(reader, tmp_path):
    assert "Stadtteiltreff Nord" not in cached_page(reader, "/anbieter/")
    table = tmp_path / "katalog.csv"
    table.write_text("Kennung;Name\r\nnord;Stadtteiltreff Nord\r\n", encoding="utf-8")

    call_command("import_catalogue", str(table), stdout=io.StringIO())

    assert "Stadtteiltreff Nord" in reader.get("/anbieter/").content.decode()


def test_bulk_update_and_bulk_create_show_at_once(reader):
    provider = factories.ProviderFactory(name="Vorher")
    cached_page(reader, "/anbieter/")

    Provider.objects.filter(pk=provider.pk).update(name="Nachher")
    assert "Nachher" in cached_page(reader, "/anbieter/")

    Provider.objects.bulk_create([Provider(name="Massenweise", slug="massenweise")])
    assert "Massenweise" in reader.get("/anbieter/").content.decode()


def test_publishing_an_edition_shows_at_once(reader, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cached_page(reader, "/konzept/")
    rendered = RenderedConcept(pdf=b"%PDF-1.7\n% Test\n%%EOF\n", page_count=1)

    with mock.patch("sozialraum.portal.concept.services.render_concept", return_value=rendered):
        edition_publish(name="Fortschreibung 2026", presented_on=dt.date(2026, 3, 4), user=editor)

    assert "Fortschreibung 2026" in reader.get("/konzept/").content.decode()


def test_overlap_decision_outdates_the_cache(editor, quarter, target_group):
    service_type = factories.ServiceTypeFactory()
    for name in ("Caritas", "Diakonie"):
        factories.OfferFactory(
            provider=factories.ProviderFactory(name=name), quarters=[quarter], target_groups=[target_group],
            service_type=service_type,
        )  # fmt: skip
    before = pagecache.content_version()

    overlap_services.overlap_mark_deliberate(
        quarter=quarter, target_group=target_group, service_type=service_type, reason="ergänzend", user=editor
    )

    assert OverlapReview.objects.exists()
    assert pagecache.content_version() > before


def test_write_in_a_transaction_bumps_again_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            factories.ProviderFactory()
            after_write = pagecache.content_version()

    assert pagecache.bump_content_version in callbacks
    assert pagecache.content_version() > after_write


def test_bookkeeping_writes_do_not_outdate_the_cache(reader, editor):
    cached_page(reader, "/massnahmen/")
    staff = Client()
    staff.force_login(editor)  # writes a session and the login stamp

    assert reader.get("/massnahmen/")["X-Page-Cache"] == "hit"


# --- who bypasses it ----------------------------------------------------------------------


def test_logged_in_users_never_get_the_cached_page(reader, plain_client):
    offer = factories.OfferFactory()
    cached_page(reader, offer.provider.get_absolute_url())

    response = plain_client.get(offer.provider.get_absolute_url())

    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_page_rendered_for_a_logged_in_user_is_not_served_to_readers(reader, editor_client):
    factories.ProviderFactory(name="Caritas Iserlohn")
    editor_client.get("/anbieter/")

    response = reader.get("/anbieter/")

    assert "X-Page-Cache" not in response


def test_staff_pages_are_never_cached(editor_client, editor, quarter, target_group):
    url = reverse("overlaps:matrix")
    editor_client.get(url)
    response = editor_client.get(url)

    assert "X-Page-Cache" not in response
    assert response.context is not None  # rendered, not replayed


def test_admin_login_page_is_never_cached(reader):
    reader.get(reverse("admin:login"))
    response = reader.get(reverse("admin:login"))
    assert "X-Page-Cache" not in response


def test_answers_that_set_a_cookie_are_not_stored(reader):
    response = reader.get(reverse("set_language") + "?language=en")  # GET: no switch, but no page either
    assert "X-Page-Cache" not in reader.get("/massnahmen/")
    assert response.status_code in (302, 405)


def test_without_the_cache_switch_nothing_is_cached(reader, settings):
    settings.PAGE_CACHE_ENABLED = False
    reader.get("/massnahmen/")
    assert "X-Page-Cache" not in reader.get("/massnahmen/")


def test_offer_edit_reaches_the_offer_search(reader, editor_client):
    offer = factories.OfferFactory(title="Sprachcafé")
    assert "Sprachcafé" in cached_page(reader, "/angebote/?q=sprachcafe")

    Offer.objects.filter(pk=offer.pk).update(active=False)

    assert "Sprachcafé" not in reader.get("/angebote/?q=sprachcafe").content.decode()


# --- published PDFs -----------------------------------------------------------------------


def publish(name, day, content):
    rendered = RenderedConcept(pdf=content, page_count=1)
    with mock.patch("sozialraum.portal.concept.services.render_concept", return_value=rendered):
        return edition_publish(name=name, presented_on=day)


def test_edition_pdf_is_immutable_and_answers_its_checksum_with_304(reader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = publish("Gesamtkonzept 2011", dt.date(2011, 6, 15), b"%PDF-1.7 alt\n%%EOF\n")

    first = reader.get(edition.get_absolute_url())
    again = reader.get(edition.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert "immutable" in first["Cache-Control"] and "max-age=31536000" in first["Cache-Control"]
    assert first["ETag"] == f'"{edition.sha256}"'
    assert "Last-Modified" in first
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_current_pdf_shows_a_new_edition_at_once(reader, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    publish("Gesamtkonzept 2011", dt.date(2011, 6, 15), b"%PDF-1.7 alt\n%%EOF\n")
    first = reader.get(reverse("concept:current"))
    assert b"".join(first.streaming_content) == b"%PDF-1.7 alt\n%%EOF\n"
    assert reader.get(reverse("concept:current"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    publish("Fortschreibung 2026", dt.date(2026, 3, 12), b"%PDF-1.7 neu\n%%EOF\n")
    response = reader.get(reverse("concept:current"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 neu\n%%EOF\n"
    assert response["Cache-Control"] == "no-cache"


def test_pages_that_depend_on_the_clock_live_at_most_the_timeout(reader, settings):
    """Nothing was written, but "jetzt geöffnet" and upcoming dates change with the clock."""
    settings.PAGE_CACHE_TIMEOUT = 60
    cached_page(reader, "/werkstaetten/")
    later = pagecache.time.time() + 61

    with mock.patch.object(pagecache.time, "time", return_value=later):
        response = reader.get("/werkstaetten/")

    assert "X-Page-Cache" not in response
