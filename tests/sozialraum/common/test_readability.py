"""The readability figure (Wiener Sachtextformel) for staff who write public texts."""

import pytest
from django.urls import reverse

from sozialraum.common.readability import LONG_SENTENCE_WORDS, readability
from tests import factories

EASY = "Wir helfen Familien. Wir haben viel Zeit. Kommen Sie am Montag zu uns. Wir trinken Tee. Das ist gut."
HARD = (
    "Die sozialraumorientierte Angebotsstrukturplanung berücksichtigt insbesondere die infrastrukturellen "
    "Rahmenbedingungen, die kommunalpolitischen Entscheidungsprozesse sowie die interdisziplinäre "
    "Zusammenarbeit verschiedenster Wohlfahrtsverbände, Kirchengemeinden und Selbsthilfeorganisationen "
    "im Programmgebiet, wodurch Doppelstrukturen systematisch vermieden werden sollen."
)


def test_easy_text_scores_lower_than_hard_text():
    easy, hard = readability(EASY), readability(HARD)
    assert easy.score is not None and hard.score is not None
    assert easy.score <= 8 < hard.score
    assert "gut verständlich" in easy.summary or "leicht" in easy.summary
    assert "sehr schwer" in hard.summary


def test_long_sentences_are_named():
    result = readability(HARD + " " + EASY + " " + HARD)
    assert result.long_sentences == [HARD, HARD]
    assert result.hint.startswith("2 sehr lange Sätze")
    assert f"über {LONG_SENTENCE_WORDS} Wörter" in result.hint
    assert readability(EASY).long_sentences == [] and readability(EASY).hint == ""


def test_short_text_gets_no_figure():
    result = readability("Kurz und gut.")
    assert result.score is None
    assert "erst ab 10 Wörtern" in result.summary
    assert readability("").score is None


@pytest.mark.django_db
def test_measure_form_shows_the_figure_computed_on_the_server(editor_client):
    measure = factories.MeasureFactory(summary=HARD)
    html = editor_client.get(reverse("admin:measures_measure_change", args=[measure.pk])).content.decode()
    assert 'data-readability-for="id_summary"' in html
    assert 'data-readability-url="/admin/measures/measure/lesbarkeit/"' in html
    assert "Lesbarkeit (Wiener Sachtextformel):" in html
    assert "1 sehr langer Satz (über 20 Wörter). Teilen Sie ihn auf:" in html
    assert "js/readability.js" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "field"),
    [("admin:providers_offer_add", "description"), ("admin:workshops_workshop_add", "description"),
     ("admin:measures_measure_add", "description")],
)
def test_offer_workshop_and_measure_texts_have_the_figure(editor_client, url_name, field):
    html = editor_client.get(reverse(url_name)).content.decode()
    assert f'data-readability-for="id_{field}"' in html


@pytest.mark.django_db
def test_figure_updates_while_typing(editor_client):
    url = reverse("admin:measures_measure_readability")
    response = editor_client.post(url, {"text": HARD})
    assert response.status_code == 200
    data = response.json()
    assert data["score"] > 12
    assert data["long_sentences"] == [HARD]
    assert data["summary"].startswith("Lesbarkeit (Wiener Sachtextformel): ")


@pytest.mark.django_db
def test_figure_endpoint_needs_the_permission(client, staff_without_permissions, provider_user):
    url = reverse("admin:measures_measure_readability")
    assert client.post(url, {"text": HARD}).status_code == 302  # anonymous: to the login
    client.force_login(staff_without_permissions)
    assert client.post(url, {"text": HARD}).status_code == 403
    client.force_login(provider_user)  # may edit offers, not measures
    assert client.post(url, {"text": HARD}).status_code == 403
    assert client.post(reverse("admin:providers_offer_readability"), {"text": HARD}).status_code == 200
