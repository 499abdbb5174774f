from django.test import Client

from sozialraum.portal.benchmarks import ScaledBenchmarkCommand, timed

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


class Command(ScaledBenchmarkCommand):
    help = (
        "Misst die öffentlichen Seiten (Median der Antwortzeit und Zahl der SQL-Abfragen) mit vielen "
        "Anbietern. Legt dazu das Demo-Programm und N synthetische Anbieter in der eingestellten "
        "Datenbank an – nur mit einer Wegwerf-Datenbank verwenden."
    )
    measures_per_provider = 0.1

    def handle(self, *args, providers, repeat, **options):
        self.load(providers=providers, repeat=repeat)
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{'Seite':<22} {'Status':>6} {'Abfragen':>9} {'Median':>10} {'Größe':>9}")
        for label, url in PAGES:
            timing = timed(lambda url=url: client.get(url), repeat=repeat)
            response = timing.result
            self.stdout.write(
                f"{label:<22} {response.status_code:>6} {timing.queries:>9} "
                f"{timing.median_ms:>8.0f} ms {len(response.content) / 1024:>6.0f} KB"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(PAGES)} Seiten je {repeat}-mal gemessen."))
