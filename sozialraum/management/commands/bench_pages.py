import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from providers.models import Offer, Provider
from sozialraum.demo import load_demo, load_scale

# The public pages residents and committee members open, with typical filters.
PAGES = [
    ("Startseite", "/"),
    ("Maßnahmen", "/massnahmen/"),
    ("Maßnahmen gefiltert", "/massnahmen/?status=ongoing&zielgruppe=senioren&sortierung=-fortschritt"),
    ("Maßnahme 6.0", "/massnahmen/sozialraumkonzept/"),
    ("Werkstätten", "/werkstaetten/"),
    ("Werkstatt", "/werkstaetten/nachhaltigkeitsworkshop/"),
    ("Kalender (iCal)", "/werkstaetten/kalender.ics"),
    ("Anbieter", "/anbieter/"),
    ("Anbieter gefiltert", "/anbieter/?zielgruppe=senioren&quartier=suedliche-innenstadt-obere-muehle"),
    ("Anbieter-Suche", "/anbieter/?q=Beratung"),
    ("Anbieter Caritas", "/anbieter/caritas-iserlohn/"),
    ("Quartier", "/quartiere/suedliche-innenstadt-obere-muehle/"),
    ("Konzept", "/konzept/"),
]


class Command(BaseCommand):
    help = (
        "Misst die öffentlichen Seiten (Median der Antwortzeit und Zahl der SQL-Abfragen) mit vielen "
        "Anbietern. Legt dazu das Demo-Programm und N synthetische Anbieter in der eingestellten "
        "Datenbank an – nur mit einer Wegwerf-Datenbank verwenden."
    )

    def add_arguments(self, parser):
        parser.add_argument("--providers", type=int, default=10_000, metavar="N", help="Anzahl synthetischer Anbieter")
        parser.add_argument("--repeat", type=int, default=5, metavar="R", help="Wiederholungen je Seite")

    def handle(self, *args, providers, repeat, **options):
        if providers < 0 or repeat < 1:
            raise CommandError("--providers darf nicht negativ und --repeat muss mindestens 1 sein.")
        load_demo()
        load_scale(providers=providers, measures=providers // 10)
        self.stdout.write(
            f"Daten: {Provider.objects.count()} Anbieter, {Offer.objects.count()} Angebote; "
            f"Datenbank: {connection.vendor}."
        )
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{'Seite':<22} {'Status':>6} {'Abfragen':>9} {'Median':>10} {'Größe':>9}")
        for label, url in PAGES:
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append(time.perf_counter() - started)
            self.stdout.write(
                f"{label:<22} {response.status_code:>6} {len(queries):>9} "
                f"{statistics.median(timings) * 1000:>8.0f} ms {len(response.content) / 1024:>6.0f} KB"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(PAGES)} Seiten je {repeat}-mal gemessen."))
