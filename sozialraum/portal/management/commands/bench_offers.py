"""Benchmark of the offer search (/angebote/): median response time and SQL queries with
10,000 synthetic providers and 50,000 offers, against a trivial view in the same run."""

import re

from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from providers.models import Offer, OpeningSlot
from providers.offers import query as offer_query
from sozialraum.portal.benchmarks import ScaledBenchmarkCommand, timed
from sozialraum.portal.demo import SYNTHETIC_PREFIX
from sozialraum.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    """The baseline: a view that does nothing, behind the same middleware."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench__/leer/", trivial), *portal_urlpatterns]

CENTRE = (51.3745, 7.6960)  # lat, lon of the demo programme area
QUARTER = "suedliche-innenstadt-obere-muehle"
ALL_FILTERS = (
    f"q=Beratung&zielgruppe=familien&quartier={QUARTER}&leistungsart=beratung&sprache=tr&sprache=ar"
    f"&kostenlos=1&barrierefrei=1&alter=35&geoeffnet=woche&nahe={CENTRE[0]},{CENTRE[1]}&umkreis=5000"
)
PAGES = [
    ("leere Ansicht (Vergleich)", "/__bench__/leer/"),
    ("Angebote ohne Filter", "/angebote/"),
    ("Suchtext", "/angebote/?q=Familienberatung"),
    ("Suchtext mit Tippfehler", "/angebote/?q=Schuldnerbratung"),
    ("Suchtext, Sprache im Text", "/angebote/?q=Beratung+t%C3%BCrkisch+kostenlos"),
    ("Zielgruppe + Quartier", f"/angebote/?zielgruppe=familien&quartier={QUARTER}"),
    ("Leistungsart (Gruppe)", "/angebote/?leistungsart=beratung"),
    ("Sprachen tr/ar", "/angebote/?sprache=tr&sprache=ar"),
    ("kostenlos + barrierefrei", "/angebote/?kostenlos=1&barrierefrei=1"),
    ("Alter", "/angebote/?alter=35"),
    ("jetzt geöffnet", "/angebote/?geoeffnet=jetzt"),
    ("diese Woche geöffnet", "/angebote/?geoeffnet=woche"),
    ("am Tag um Uhrzeit", "/angebote/?am={day}&um=10:00"),
    ("in der Nähe (5 km)", f"/angebote/?nahe={CENTRE[0]},{CENTRE[1]}&umkreis=5000"),
    ("ALLE FILTER", f"/angebote/?{ALL_FILTERS}"),
    ("alle Filter + am/um", f"/angebote/?{ALL_FILTERS}&am={{day}}&um=10:00"),
    ("Angebotsseite", "{offer_url}"),
    ("Wegweiser-PDF (Quartier, kostenlos)", f"/angebote/wegweiser.pdf?quartier={QUARTER}&kostenlos=1"),
]
COUNT = re.compile(rb"(\d+) Angebote? gefunden")


class Command(ScaledBenchmarkCommand):
    help = (
        "Misst die Angebotssuche /angebote/ (Median der Antwortzeit und Zahl der SQL-Abfragen) mit vielen "
        "Anbietern und Angeboten, jeden Filter einzeln und alle zusammen, gegen eine leere Ansicht im selben "
        "Lauf. Legt dazu das Demo-Programm und N synthetische Anbieter (je fünf Angebote) in der eingestellten "
        "Datenbank an – nur mit einer Wegwerf-Datenbank verwenden."
    )

    def handle(self, *args, providers, repeat, **options):
        self.load(providers=providers, repeat=repeat)
        self.stdout.write(f"Öffnungszeiten: {OpeningSlot.objects.count()} Zeilen.")
        offer = Offer.objects.active().filter(provider__slug__startswith=SYNTHETIC_PREFIX).first() or Offer.objects.first()
        values = {"day": timezone.localdate().isoformat(), "offer_url": offer.get_absolute_url()}

        client = Client(HTTP_HOST="localhost")
        results = {}
        with override_settings(ROOT_URLCONF=__name__):
            offer_query._cache.update(key=None, vocabulary=None)
            first = timed(lambda: client.get("/angebote/?q=Schuldnerbratung"), repeat=1)
            self.stdout.write(f"Erste Suche mit Tippfehler (baut den Wortschatz): {first.median_ms:.0f} ms")
            self.stdout.write(
                f"{'Seite':<36} {'Status':>6} {'Abfragen':>9} {'Median':>10} {'Minimum':>10} {'Treffer':>8}"
            )
            for label, url in PAGES:
                url = url.format(**values)
                client.get(url)  # warm
                timing = timed(lambda url=url: client.get(url), repeat=repeat)
                response = timing.result
                match = COUNT.search(response.content) if response.get("Content-Type", "").startswith("text/html") else None
                results[label] = timing
                self.stdout.write(
                    f"{label:<36} {response.status_code:>6} {timing.queries:>9} {timing.median_ms:>7.1f} ms "
                    f"{timing.min_ms:>7.1f} ms {match.group(1).decode() if match else '–':>8}"
                )
        baseline, full = results["leere Ansicht (Vergleich)"], results["ALLE FILTER"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Angebotssuche mit allen Filtern: Median {full.median_ms:.1f} ms, {full.queries} Abfragen; "
                f"leere Ansicht {baseline.median_ms:.1f} ms ({full.median_ms / max(baseline.median_ms, 0.001):.0f}-fach); "
                f"{len(PAGES)} Seiten je {repeat}-mal gemessen."
            )
        )
