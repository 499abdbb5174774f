"""The staff page /verwaltung/netzwerk/: access, content, filters, bad input, query counts."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from network.models import Cooperation
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/verwaltung/netzwerk/"


def test_the_url_is_german():
    assert reverse("network:network-detail") == URL


def test_anonymous_users_go_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_users_without_staff_status_are_refused(plain_client):
    assert plain_client.get(URL).status_code == 403


def test_staff_without_the_permission_are_refused(staff_without_permissions_client):
    assert staff_without_permissions_client.get(URL).status_code == 403


def test_the_least_role_that_may_read_it_is_staff_with_view_cooperation(client):
    user = factories.StaffUserFactory()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="network", codename="view_cooperation"))
    client.force_login(user)

    assert client.get(URL).status_code == 200


def test_the_redaktion_reads_it(editor_client):
    assert editor_client.get(URL).status_code == 200


def test_post_is_not_allowed(editor_client):
    assert editor_client.post(URL).status_code == 405


@pytest.fixture
def small_network(quarter, target_group):
    caritas = factories.ProviderFactory(name="Caritas Iserlohn")
    diakonie = factories.ProviderFactory(name="Diakonie Mark-Ruhr")
    lonely = factories.ProviderFactory(name="Kreuzbund")
    for provider in (caritas, diakonie, lonely):
        factories.OfferFactory(provider=provider, quarters=[quarter], target_groups=[target_group])
    workshop = factories.WorkshopFactory(quarter=quarter, title="Quartierswerkstatt 2011")
    factories.ParticipantFactory(workshop=workshop, provider=caritas, institution="")
    factories.ParticipantFactory(workshop=workshop, institution="Institut FASTRA")
    Cooperation.objects.create(
        first_provider=caritas, second_provider=diakonie, kind=Cooperation.Kind.WORKING_GROUP
    )
    return {"caritas": caritas, "diakonie": diakonie, "lonely": lonely}


def test_page_shows_picture_table_isolated_actors_and_sources(editor_client, small_network):
    response = editor_client.get(URL)
    page = response.content.decode()

    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "4 Akteure, 2 Verbindungen, davon 1 ohne Verbindung." in page
    network = response.context["network"]
    assert [actor.name for actor in network.isolated] == ["Kreuzbund"]
    assert '<th scope="row">Institut FASTRA</th>' in page
    assert "gemeinsame Werkstatt: 1" in page and "Kooperation: 1" in page
    assert "Werkstatt „Quartierswerkstatt 2011“" in page


def test_quarter_and_target_group_name_providers_that_never_meet(editor_client, small_network, quarter, target_group):
    response = editor_client.get(URL, {"quartier": quarter.slug, "zielgruppe": target_group.slug})
    page = response.content.decode()

    assert response.status_code == 200
    # the cooperation is no meeting; nobody else took part in the workshop with Caritas
    assert response.context["unmet"].pairs == [
        ("Caritas Iserlohn", "Diakonie Mark-Ruhr"),
        ("Caritas Iserlohn", "Kreuzbund"),
        ("Diakonie Mark-Ruhr", "Kreuzbund"),
    ]
    assert "Caritas Iserlohn – Kreuzbund" in page


def test_the_period_filter_takes_german_dates(editor_client, small_network):
    response = editor_client.get(URL, {"von": "01.01.2000", "bis": "31.12.2000"})

    assert response.status_code == 200
    network = response.context["network"]
    # the workshop is two weeks ahead; the cooperation has no since-date and counts
    assert [(edge.first.name, edge.second.name) for edge in network.edges] == [
        ("Caritas Iserlohn", "Diakonie Mark-Ruhr")
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"quartier": "gibt-es-nicht"}, "Dieses Quartier gibt es nicht."),
        ({"handlungsfeld": "nix"}, "Dieses Handlungsfeld gibt es nicht."),
        ({"zielgruppe": "nix", "quartier": ""}, "Diese Zielgruppe gibt es nicht."),
        ({"von": "31.02.2024"}, "Bitte ein Datum in der Form TT.MM.JJJJ angeben"),
        ({"bis": "morgen"}, "Bitte ein Datum in der Form TT.MM.JJJJ angeben"),
        ({"von": "01.01.2025", "bis": "01.01.2024"}, "Das Ende des Zeitraums darf nicht vor seinem Beginn liegen."),
        ({"von": "99999-01-01"}, "Bitte ein Datum in der Form TT.MM.JJJJ angeben"),
    ],
)
def test_bad_filters_get_a_german_message_and_400(editor_client, query, message):
    response = editor_client.get(URL, query)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["network"] is None


def test_a_target_group_needs_a_quarter(editor_client, target_group):
    response = editor_client.get(URL, {"zielgruppe": target_group.slug})

    assert response.status_code == 400
    assert "Bitte zur Zielgruppe auch ein Quartier wählen." in response.content.decode()


def build(size, quarter, target_group):
    field = factories.FieldOfActionFactory()
    for index in range(size):
        provider = factories.ProviderFactory()
        factories.OfferFactory(provider=provider, quarters=[quarter], target_groups=[target_group], field_of_action=field)
        measure = factories.MeasureFactory(lead=f"Amt {index}", quarters=[quarter])
        measure.partners.add(provider)
        measure.fields_of_action.add(field)
        day = timezone.make_aware(dt.datetime(2024, 1, 1 + index, 18))
        workshop = factories.WorkshopFactory(quarter=quarter, measure=measure, starts_at=day, ends_at=day)
        factories.ParticipantFactory(workshop=workshop, provider=provider, institution="")
        factories.ParticipantFactory(workshop=workshop, institution=f"Verein {index}")
        Cooperation.objects.create(first_provider=provider, second_institution=f"Verein {index + 1}",
                                   kind=Cooperation.Kind.JOINT_OFFER)
    return field


@pytest.mark.parametrize("size", [2, 9])
def test_the_page_runs_a_fixed_number_of_queries(size, editor_client, django_assert_num_queries, quarter, target_group):
    field = build(size, quarter, target_group)
    query = {"quartier": quarter.slug, "handlungsfeld": field.slug, "zielgruppe": target_group.slug,
             "von": "01.01.2020", "bis": "31.12.2030"}

    # session, user; the filter's quarter, field of action, target group; the user's
    # permissions and its groups' permissions; network: providers, active offers, their
    # quarters, measures, their quarters, fields and partners, participants, workshops,
    # cooperations; providers that never meet; the user's groups (role check of the admin
    # menu); the choices of the three filter fields
    with django_assert_num_queries(22):
        response = editor_client.get(URL, query)
    assert response.status_code == 200
    assert len(response.context["network"].actors) == 3 * size + 1


# --- large networks: pages of the table, the strongest connections, downloads, kept results ---


def test_the_actor_table_comes_in_pages_that_keep_the_filter(editor_client, small_network, monkeypatch):
    monkeypatch.setattr("network.views.ACTORS_PER_PAGE", 3)
    first = editor_client.get(URL, {"von": "01.01.2000"}).content.decode()
    second = editor_client.get(URL, {"von": "01.01.2000", "seite": "2"}).content.decode()

    assert "Akteure 1 bis 3 von 4." in first and "Seite 1 von 2" in first
    assert 'href="?von=01.01.2000&amp;seite=2#akteure" rel="next"' in first
    assert '<th scope="row">Caritas Iserlohn</th>' in first
    assert '<th scope="row">Kreuzbund</th>' in second and '<th scope="row">Caritas Iserlohn</th>' not in second
    assert 'href="?von=01.01.2000&amp;seite=1#akteure" rel="prev"' in second


@pytest.mark.parametrize("page", ["abc", "0", "999", "-1"])
def test_a_page_number_that_does_not_exist_shows_a_page_that_does(editor_client, small_network, monkeypatch, page):
    monkeypatch.setattr("network.views.ACTORS_PER_PAGE", 3)
    response = editor_client.get(URL, {"seite": page})
    assert response.status_code == 200
    assert "Seite 1 von 2" in response.content.decode() or "Seite 2 von 2" in response.content.decode()


def test_only_the_strongest_connections_are_listed_and_the_download_has_all(editor_client, small_network, monkeypatch):
    monkeypatch.setattr("network.views.EDGES_SHOWN", 1)
    page = editor_client.get(URL).content.decode()
    download = editor_client.get(reverse("network:edges-csv"))
    rows = download.content.decode("utf-8-sig").splitlines()

    assert "Die 1 stärksten von 2 Verbindungen; alle in der Tabelle der Verbindungen (CSV)." in page
    assert download["Content-Disposition"].startswith('attachment; filename="netzwerk-verbindungen-')
    assert rows[0] == "Nr.;Akteur;Nr.;Akteur;Anzahl;Herkunft und Anzahl;Anlässe"
    assert len(rows) == 3
    assert any("Caritas Iserlohn" in row and "Diakonie Mark-Ruhr" in row and "Kooperation: 1" in row for row in rows)


def test_actor_download_follows_the_filter_and_neutralises_formulas(editor_client, small_network, quarter):
    factories.OfferFactory(provider=factories.ProviderFactory(name="=HYPERLINK(\"http://x\")"), quarters=[quarter])
    other_quarter = factories.QuarterFactory(name="Hennen")
    factories.OfferFactory(provider=factories.ProviderFactory(name="Nur in Hennen"), quarters=[other_quarter])

    rows = editor_client.get(reverse("network:actors-csv"), {"quartier": quarter.slug}).content.decode("utf-8-sig")

    assert rows.splitlines()[0].startswith("Nr.;Akteur;Art;Partner;Betweenness;Quartiere")
    assert "'=HYPERLINK" in rows
    assert "Caritas Iserlohn" in rows and "Nur in Hennen" not in rows


def test_downloads_refuse_bad_filters_and_who_may_not_read(client, editor_client, staff_without_permissions):
    response = editor_client.get(reverse("network:actors-csv"), {"von": "31.02.2024"})
    assert response.status_code == 400
    assert "Die Auswahl ist ungültig" in response.content.decode()

    client.logout()
    for name in ("network:actors-csv", "network:edges-csv"):
        assert client.get(reverse(name))["Location"].startswith("/admin/login/")
    client.force_login(staff_without_permissions)
    assert client.get(reverse("network:edges-csv")).status_code == 403


def test_the_network_is_worked_out_once_and_a_change_shows_at_once(editor_client, small_network,
                                                                    django_assert_num_queries):
    editor_client.get(URL)
    # session, user, its permissions and groups' permissions, its groups, the choices of the
    # three filter fields: none of the 10 queries of the network itself
    with django_assert_num_queries(8):
        assert editor_client.get(URL).status_code == 200

    Cooperation.objects.create(first_provider=small_network["lonely"], second_provider=small_network["diakonie"],
                               kind=Cooperation.Kind.WORKING_GROUP)
    network = editor_client.get(URL).context["network"]

    assert network.isolated == []
    assert len(network.edges) == 3
