"""Map widgets in the admin forms: boundaries and locations are edited on a map."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

BOUNDARY = {
    "type": "Polygon",
    "coordinates": [[[7.69, 51.37], [7.70, 51.37], [7.70, 51.38], [7.69, 51.38], [7.69, 51.37]]],
}


def test_quarter_boundary_is_edited_on_a_map(administrator_client):
    """Only the Administration changes quarters (the Redaktion sees them read only)."""
    quarter = factories.QuarterFactory(boundary=BOUNDARY)
    page = administrator_client.get(reverse("admin:sozialraum_quarter_change", args=[quarter.pk])).content.decode()
    assert "leaflet" in page.lower()
    assert 'name="boundary"' in page


def test_forms_without_a_location_render_an_empty_map_without_logging_errors(editor_client, caplog):
    provider = factories.ProviderFactory(location=None)
    with caplog.at_level("ERROR", logger="django.contrib.gis"):
        page = editor_client.get(reverse("admin:providers_provider_change", args=[provider.pk]))
        workshop_page = editor_client.get(reverse("admin:workshops_workshop_add"))
    assert page.status_code == 200
    assert workshop_page.status_code == 200
    assert 'name="location"' in page.content.decode()
    assert 'name="location"' in workshop_page.content.decode()
    assert [record.getMessage() for record in caplog.records] == []


def test_admin_map_tools_speak_german(editor_client):
    provider = factories.ProviderFactory()
    html = editor_client.get(f"/admin/providers/provider/{provider.pk}/change/").content.decode()
    assert '<script id="with-forms" type="application/json">true</script>' in html
    assert '<script id="draw-toolbar-buttons-marker" type="application/json">"Markierung setzen"</script>' in html
    assert "leaflet/draw/leaflet.draw.i18n.js" in html
    assert "Draw a marker" not in html
