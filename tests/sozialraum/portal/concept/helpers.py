"""Shared builders for the concept report tests (rendering is slow: build once per module)."""

import datetime as dt
import io
import re
from decimal import Decimal

import pypdf
from django.utils import timezone

from providers.models import Offer
from providers.overlaps.services import overlap_mark_deliberate
from sozialraum.models import SwotItem
from tests import factories


def build_programme():
    """A small programme with one known sample in every chapter of the report."""
    factories.ProgrammeFactory(
        city="Stadt Iserlohn",
        situation="Die Südliche Innenstadt ist ein Wohnquartier mit großem Anteil älterer Menschen.",
    )
    south = factories.QuarterFactory(name="Südliche Innenstadt/Obere Mühle", slug="suedliche-innenstadt", order=1)
    north = factories.QuarterFactory(name="Nördliche Innenstadt", slug="noerdliche-innenstadt", order=2)
    seniors = factories.TargetGroupFactory(name="Senioren", slug="senioren", order=1, min_age=65)
    families = factories.TargetGroupFactory(name="Familien", slug="familien", order=2)
    housing = factories.FieldOfActionFactory(name="Wohnen und Wohnumfeld", slug="wohnen", order=1)
    education = factories.FieldOfActionFactory(name="Bildung", slug="bildung", order=2)

    share = factories.IndicatorFactory(name="Anteil Senioren (65+)", slug="anteil-senioren", target_group=seniors)
    for year, value in ((2024, "1234.50"), (2025, "1240.25")):
        factories.IndicatorValueFactory(indicator=share, quarter=south, year=year, value=Decimal(value))
    factories.IndicatorValueFactory(indicator=share, quarter=north, year=2025, value=Decimal("17.50"))
    factories.SwotItemFactory(quarter=south, kind=SwotItem.Kind.STRENGTH, text="Engagierte Nachbarschaft")
    factories.SwotItemFactory(quarter=south, kind=SwotItem.Kind.THREAT, text="Leerstand großer Ladenflächen")

    top = factories.GoalFactory(title="Lebensqualität im Quartier verbessern", slug="oberziel")
    sub = factories.GoalFactory(title="Nachbarschaften stärken", slug="teilziel", parent=top)
    caritas = factories.ProviderFactory(name="Caritasverband Iserlohn", slug="caritas")
    diakonie = factories.ProviderFactory(name="Diakonie Mark-Ruhr", slug="diakonie")
    measure = factories.MeasureFactory(
        code="6.0",
        slug="sozialraumkonzept",
        title="Durchführung eines Sozialraumkonzeptes",
        lead="Stadt Iserlohn, Ressort Soziales",
        progress=55,
        goals=[sub],
        quarters=[south],
        traffic_light="green",
    )
    measure.fields_of_action.set([housing, education])
    measure.partners.set([caritas])
    federal = factories.FundingProgrammeFactory(name="Bund-Länder-Programm Soziale Stadt", slug="soziale-stadt")
    factories.FundingLineFactory(measure=measure, programme=federal, amount=Decimal("12345.67"), year=2025)
    factories.MeasureFactory(code="9.9", slug="geheim", title="Unveröffentlichte Maßnahme", published=False)

    # Two parallel offers (the same service type at two providers): open in the south,
    # marked deliberate in the north.
    meeting = factories.ServiceTypeFactory(slug="seniorentreff", name="Seniorentreff")
    parent_child = factories.ServiceTypeFactory(slug="eltern-kind-gruppe", name="Eltern-Kind-Gruppe")
    south_seniors = {"quarters": [south], "target_groups": [seniors], "service_type": meeting}
    north_families = {"quarters": [north], "target_groups": [families], "service_type": parent_child}
    factories.OfferFactory(provider=caritas, title="Seniorentreff", **south_seniors)
    factories.OfferFactory(provider=diakonie, title="Mittagstisch", **south_seniors)
    factories.OfferFactory(provider=caritas, title="Familiencafé", **north_families)
    factories.OfferFactory(provider=diakonie, title="Spielgruppe", **north_families)
    reviewer = factories.StaffUserFactory(username="pruefer")
    overlap_mark_deliberate(
        quarter=north,
        target_group=families,
        service_type=parent_child,
        reason="Ergänzende Angebote zu verschiedenen Zeiten",
        user=reviewer,
    )

    workshop = factories.WorkshopFactory(
        title="Nachhaltigkeitsworkshop",
        starts_at=timezone.make_aware(dt.datetime(2011, 6, 15, 18, 0)),
        ends_at=timezone.make_aware(dt.datetime(2011, 6, 15, 20, 30)),
    )
    factories.ParticipantFactory(workshop=workshop, institution="Bahnhofsmission Krefeld")
    factories.WorkshopResultFactory(workshop=workshop, title="Begegnungstelefon", traffic_light="green")
    factories.WorkshopResultFactory(workshop=workshop, title="Stadtspaziergänge", traffic_light="red")
    return {"measure": measure, "south": south, "offers": Offer.objects.count()}


def pdf_reader(content):
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content):
    """The whole text of a PDF as one line: hyphenation undone, line breaks as spaces."""
    reader = pdf_reader(content)
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"[\u2010\u00ad-]\n(?=[a-zäöüß])", "", text)  # automatic hyphenation
    return re.sub(r"\s+", " ", text)


def page_texts(content):
    return [page.extract_text() for page in pdf_reader(content).pages]
