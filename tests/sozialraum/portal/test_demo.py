import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from measures.models import Measure
from providers.models import Offer, Provider
from sozialraum.models import ConceptEdition, Quarter
from workshops.models import Workshop, WorkshopResult

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_concept_pdf(monkeypatch, settings, tmp_path):
    """The demo publishes its concept edition through the real service; only WeasyPrint's
    rendering (seconds) is replaced here. ``test_demo_concept.py`` renders it for real."""
    from sozialraum.portal.concept import services
    from sozialraum.portal.concept.render import RenderedConcept

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "render_concept", lambda data: RenderedConcept(pdf=b"%PDF-1.7 demo", page_count=1))


def _row_counts():
    """Rows in every table of the project's apps, history tables included."""
    counts = {}
    for label in ("sozialraum", "providers", "measures", "workshops", "network"):
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model.objects.count()
    return counts


def test_load_demo_builds_the_iserlohn_programme(capsys):
    call_command("load_demo")
    area = Quarter.objects.get(slug="suedliche-innenstadt-obere-muehle")
    assert area.name == "Südliche Innenstadt/Obere Mühle"
    assert area.boundary["type"] == "Polygon"
    measure = Measure.objects.get(code="6.0")
    assert measure.title == "Durchführung eines Sozialraumkonzeptes"
    assert set(measure.goals.values_list("title", flat=True)) >= {
        "Stärkung der Wohnfunktion",
        "Stabilisierung der Sozialstruktur",
    }
    sustainability = Workshop.objects.get(slug="nachhaltigkeitsworkshop")
    results = WorkshopResult.objects.filter(workshop=sustainability)
    assert results.count() == 18
    assert results.filter(traffic_light="green").count() == 14
    assert Workshop.objects.upcoming().count() >= 3
    assert Provider.objects.filter(name__startswith="Caritasverband").exists()
    # Offers without explicit quarters lie in the quarter of the provider's location.
    offer = Offer.objects.get(provider__slug="familienzentrum-obere-muehle", slug="elterncafe")
    assert list(offer.quarters.values_list("slug", flat=True)) == ["suedliche-innenstadt-obere-muehle"]
    edition = ConceptEdition.objects.get()
    assert edition.presented_on == dt.date(2011, 6, 15)
    assert edition.presented_to == "Sozialausschuss der Stadt Iserlohn"
    assert edition.name.startswith("Gesamtkonzept")


def test_load_demo_can_leave_the_concept_edition_out():
    call_command("load_demo", no_concept_edition=True)
    assert not ConceptEdition.objects.exists()


def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    before = _row_counts()
    call_command("load_demo")
    assert _row_counts() == before
    assert "nichts Neues angelegt" in capsys.readouterr().out


def test_load_demo_creates_no_staff_account_without_debug(settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    assert not get_user_model().objects.exists()
    assert "createsuperuser" in capsys.readouterr().out


def test_load_demo_prints_a_working_staff_login_in_debug(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    password = capsys.readouterr().out.split("Passwort: ")[1].split()[0]
    staff = get_user_model().objects.get(username="redaktion")
    assert staff.is_staff and staff.check_password(password)
    assert not staff.is_superuser
    assert list(staff.groups.values_list("name", flat=True)) == ["Redaktion"]
    assert staff.has_perm("providers.change_provider") and not staff.has_perm("auth.add_user")
    # A second load issues a new password; the old one stops working.
    call_command("load_demo")
    staff.refresh_from_db()
    assert not staff.check_password(password)


def test_scale_adds_synthetic_providers_with_five_offers_each_once(capsys):
    call_command("load_demo", scale=30)
    assert Provider.objects.filter(slug__startswith="synth-").count() == 30
    assert Offer.objects.filter(provider__slug__startswith="synth-").count() == 150
    assert Measure.objects.filter(slug__startswith="synth-").count() == 3
    assert not Offer.objects.filter(provider__slug__startswith="synth-", target_groups__isnull=True).exists()
    before = _row_counts()
    call_command("load_demo", scale=30)
    assert _row_counts() == before


def test_scale_must_not_be_negative():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nicht negativ"):
        call_command("load_demo", scale=-1)
