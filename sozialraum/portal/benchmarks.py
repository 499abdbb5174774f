"""Shared parts of the benchmark commands (bench_pages, bench_overlaps): a throwaway
database filled with the demo programme and synthetic providers, and timed runs that
count their SQL queries."""

import statistics
import time
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from providers.models import Offer, Provider

from .demo import load_demo, load_scale


@dataclass
class Timing:
    median_ms: float
    min_ms: float
    queries: int  # of the last run
    result: object  # of the last run


def timed(run, *, repeat):
    """Runs ``run()`` ``repeat`` times."""
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = run()
            timings.append(time.perf_counter() - started)
    return Timing(statistics.median(timings) * 1000, min(timings) * 1000, len(queries), result)


class ScaledBenchmarkCommand(BaseCommand):
    """Takes --providers N and --repeat R and loads the demo plus N synthetic providers."""

    measures_per_provider = 0  # synthetic measures per synthetic provider

    def add_arguments(self, parser):
        parser.add_argument("--providers", type=int, default=10_000, metavar="N", help="Anzahl synthetischer Anbieter")
        parser.add_argument("--repeat", type=int, default=5, metavar="R", help="Wiederholungen je Messung")

    def load(self, *, providers, repeat):
        if providers < 0 or repeat < 1:
            raise CommandError("--providers darf nicht negativ und --repeat muss mindestens 1 sein.")
        started = time.perf_counter()
        load_demo()
        load_scale(providers=providers, measures=int(providers * self.measures_per_provider))
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # what autovacuum does soon after a bulk load: planner statistics, and the space
            # of rows rewritten by the load (the offers' target group ids) free for reuse
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.stdout.write("PostgreSQL: VACUUM ANALYZE ausgeführt (Statistiken für den Planer).")
        self.stdout.write(
            f"Daten: {Provider.objects.count()} Anbieter, {Offer.objects.count()} Angebote "
            f"({Offer.objects.filter(active=True).count()} aktiv), geladen/geprüft in "
            f"{time.perf_counter() - started:.1f} s; Datenbank: {connection.vendor}."
        )
