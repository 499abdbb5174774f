"""NUL and control characters in a query string get a 400 with a German message, once for
every page and the API (a NUL reached PostgreSQL through the HSDS API and gave a 500)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["q=%00", "q=ab%00cd", "zielgruppe=%01", "%00=1", "q=%1b%5B31m", "q=%7f", "sprache=de&sprache=%00"],
)
@pytest.mark.parametrize("path", ["/anbieter/", "/angebote/", "/massnahmen/", "/werkstaetten/"])
def test_pages_answer_400_in_german(client, path, query):
    response = client.get(f"{path}?{query}")

    assert response.status_code == 400
    assert "Steuerzeichen" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/hsds/services", "/api/hsds/organizations"])
def test_api_answers_400_as_json(client, path):
    response = client.get(f"{path}?search=%00")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "Steuerzeichen" in response.json()["detail"]


@pytest.mark.parametrize("query", ["q=Beratung%09Familie", "q=Zeile%0Azwei", "q=%C3%BCber"])
def test_tabs_line_breaks_and_umlauts_are_ordinary_text(client, query):
    assert client.get(f"/anbieter/?{query}").status_code == 200
