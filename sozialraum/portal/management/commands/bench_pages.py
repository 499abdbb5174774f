import statistics
import subprocess
import sys

from django.conf import settings
from django.core.management.base import CommandError
from django.test import Client
from django.test.utils import override_settings

from sozialraum.portal import benchmarks_http as http
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

# Searches that the page cache cannot answer (each text once): the indexed search itself.
SEARCHES = [
    ("Suche Anbieter", "/anbieter/?q={}"),
    ("Suche Angebote", "/angebote/?q={}"),
]
SEARCH_WORDS = ["Beratung", "Schuldnerberatung", "Familien", "Sprachkurs", "Senioren", "Jugendliche",
                "Mittagstisch", "Erziehungsberatung", "Hausaufgabenhilfe", "Beratnug", "Caritas", "Treff"]

# Over HTTP (the table of issue 11): each page alternately with the trivial view.
HTTP_PAGES = [
    ("/", "/"),
    ("/anbieter/", "/anbieter/"),
    ("/anbieter/?q=beratung", "/anbieter/?q=beratung"),
    ("/massnahmen/", "/massnahmen/"),
    ("/werkstaetten/", "/werkstaetten/"),
    ("/quartiere/…obere-muehle/", "/quartiere/suedliche-innenstadt-obere-muehle/"),
    ("/werkstaetten/kalender.ics", "/werkstaetten/kalender.ics"),
    ("/api/hsds/services", "/api/hsds/services"),
    ("/angebote/?q=beratung", "/angebote/?q=beratung"),
]


class Command(ScaledBenchmarkCommand):
    help = (
        "Misst die öffentlichen Seiten mit vielen Anbietern: im Prozess ohne Seiten-Cache (Median der "
        "Antwortzeit, SQL-Abfragen, Suche), und mit --http über HTTP (gunicorn, Produktionseinstellungen, "
        "wrk) abwechselnd mit einer trivialen Django-Ansicht: Anfragen/s, Anteil, p50/p99, dazu eine "
        "gemischte Last. Legt dazu das Demo-Programm und N synthetische Anbieter in der eingestellten "
        "Datenbank an – nur mit einer Wegwerf-Datenbank verwenden."
    )
    measures_per_provider = 0.1

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--http", action="store_true", help="auch über HTTP mit wrk messen (gunicorn)")
        parser.add_argument("--only-http", action="store_true", help="nur über HTTP messen")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn-Worker je Server (Standard 2)")
        parser.add_argument("--connections", type=int, default=8, help="wrk-Verbindungen je Seite (Standard 8)")
        parser.add_argument("--seconds", type=int, default=5, help="Dauer eines wrk-Laufs in Sekunden")
        parser.add_argument("--rounds", type=int, default=2, help="abwechselnde Runden je Seite")
        parser.add_argument("--mixed-connections", type=int, default=32, help="Verbindungen der gemischten Last")
        parser.add_argument(
            "--no-compression", action="store_true",
            help="ohne „Accept-Encoding: gzip“ fragen (Seiten unkomprimiert; Browser fragen immer komprimiert)",
        )  # fmt: skip
        parser.add_argument(
            "--page", action="append", default=[], metavar="TEXT",
            help="über HTTP nur die Seiten messen, deren Adresse TEXT enthält (mehrfach möglich)",
        )  # fmt: skip

    def handle(self, *args, providers, repeat, **options):
        self.load(providers=providers, repeat=repeat)
        if not options["only_http"]:
            self.in_process(repeat=repeat)
        if options["http"] or options["only_http"]:
            if not http.wrk_available():
                raise CommandError("wrk fehlt (Debian-Paket „wrk“, z. B. über „make bench“ installiert).")
            self.over_http(options)

    def in_process(self, *, repeat):
        client = Client(HTTP_HOST="localhost")
        self.stdout.write("Im Prozess, ohne Seiten-Cache:")
        self.stdout.write(f"{'Seite':<22} {'Status':>6} {'Abfragen':>9} {'Median':>10} {'Größe':>9}")
        with override_settings(PAGE_CACHE_ENABLED=False):
            for label, url in PAGES:
                timing = timed(lambda url=url: client.get(url), repeat=repeat)
                response = timing.result
                self.stdout.write(
                    f"{label:<22} {response.status_code:>6} {timing.queries:>9} "
                    f"{timing.median_ms:>8.0f} ms {len(response.content) / 1024:>6.0f} KB"
                )
            self.stdout.write("Ohne Cache, jeder Suchbegriff einmal:")
            for label, pattern in SEARCHES:
                times = []
                for word in SEARCH_WORDS:
                    url = pattern.format(word)
                    times.append(timed(lambda url=url: client.get(url), repeat=1).median_ms)
                times.sort()
                self.stdout.write(
                    f"{label:<22} p50 {statistics.median(times):>6.1f} ms   max {times[-1]:>6.1f} ms "
                    f"({len(times)} Suchbegriffe)"
                )
            self.stdout.write(self.style.SUCCESS(f"{len(PAGES)} Seiten je {repeat}-mal gemessen."))

    def over_http(self, options):
        workers, seconds, rounds = options["workers"], options["seconds"], options["rounds"]
        connections = options["connections"]
        headers = () if options["no_compression"] else http.BROWSER_HEADERS
        pages = [(label, path) for label, path in HTTP_PAGES if not options["page"] or any(
            text in path for text in options["page"])]  # fmt: skip
        if not pages:
            raise CommandError("Keine der Seiten passt zu --page.")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=settings.BASE_DIR, env=http.production_environment(), check=True,
        )  # fmt: skip
        log = open(settings.BASE_DIR / "bench-gunicorn.log", "ab")  # noqa: SIM115 (closed below)
        environment = http.production_environment()
        try:
            with (
                http.gunicorn("sozialraum.portal.bench_trivial:application", workers=workers,
                              environment=environment, log=log) as trivial,
                http.gunicorn("sozialraum.wsgi:application", workers=workers, environment=environment,
                              log=log) as portal,
            ):  # fmt: skip
                self.stdout.write(
                    f"Über HTTP: gunicorn, {workers} Worker je Server, Produktionseinstellungen, "
                    f"wrk mit {connections} Verbindungen, {rounds}×{seconds} s je Seite abwechselnd mit der "
                    f"trivialen Ansicht; Cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
                    + ("ohne Komprimierung." if options["no_compression"] else "Anfragen wie ein Browser (gzip).")
                )
                self.stdout.write(
                    f"{'Seite':<30} {'Status':>6} {'Anfr./s':>9} {'trivial':>9} {'Anteil':>8} "
                    f"{'p50':>9} {'p99':>9}"
                )
                for label, path in pages:
                    status = http.status_of(portal + path)  # also fills the cache
                    page_runs, trivial_runs = [], []
                    for _round in range(rounds):
                        trivial_runs.append(
                            http.run_wrk(trivial + "/", connections=connections, seconds=seconds, headers=headers)
                        )
                        page_runs.append(
                            http.run_wrk(portal + path, connections=connections, seconds=seconds, headers=headers)
                        )
                    page_rps = statistics.mean(run.requests_per_second for run in page_runs)
                    trivial_rps = statistics.mean(run.requests_per_second for run in trivial_runs)
                    self.stdout.write(
                        f"{label:<30} {status:>6} {page_rps:>9.0f} {trivial_rps:>9.0f} "
                        f"{page_rps / trivial_rps:>7.1%} {statistics.median(r.p50_ms for r in page_runs):>6.1f} ms "
                        f"{max(r.p99_ms for r in page_runs):>6.1f} ms"
                    )
                script = http.mixed_script([path for _label, path in pages])
                mixed = http.run_wrk(
                    portal + "/", connections=options["mixed_connections"], seconds=seconds * 2, script=script,
                    headers=headers,
                )  # fmt: skip
                self.stdout.write(
                    f"Gemischte Last ({options['mixed_connections']} Verbindungen, alle Seiten reihum): "
                    f"{mixed.requests_per_second:.0f} Anfr./s, p50 {mixed.p50_ms:.1f} ms, p99 {mixed.p99_ms:.1f} ms, "
                    f"{mixed.errors} Fehler bei {mixed.requests} Anfragen."
                )
        finally:
            log.close()
        self.stdout.write(self.style.SUCCESS(f"{len(pages)} Seiten über HTTP gemessen."))
