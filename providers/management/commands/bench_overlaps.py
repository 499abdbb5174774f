import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from providers import overlap_views, selectors
from providers.models import Offer, Provider
from sozialraum.demo import load_demo, load_scale


class Command(BaseCommand):
    help = (
        "Misst die Überschneidungsprüfung und die Matrix-Seite mit vielen Anbietern. Legt dazu das "
        "Demo-Programm und N synthetische Anbieter (je fünf Angebote) in der eingestellten Datenbank an – "
        "nur mit einer Wegwerf-Datenbank verwenden."
    )

    def add_arguments(self, parser):
        parser.add_argument("--providers", type=int, default=10_000, metavar="N", help="Anzahl synthetischer Anbieter")
        parser.add_argument("--repeat", type=int, default=5, metavar="R", help="Wiederholungen je Messung")

    def handle(self, *args, providers, repeat, **options):
        if providers < 0 or repeat < 1:
            raise CommandError("--providers darf nicht negativ und --repeat muss mindestens 1 sein.")
        started = time.perf_counter()
        load_demo()
        load_scale(providers=providers)
        self.stdout.write(
            f"Daten: {Provider.objects.count()} Anbieter, {Offer.objects.count()} Angebote "
            f"({Offer.objects.filter(active=True).count()} aktiv), geladen/geprüft in "
            f"{time.perf_counter() - started:.1f} s; Datenbank: {connection.vendor}."
        )

        staff = get_user_model()(username="bench-overlaps", is_staff=True, is_superuser=True, is_active=True)
        factory = RequestFactory(HTTP_HOST="localhost")

        def matrix_page():
            request = factory.get(reverse("overlaps:matrix"))
            request.user = staff
            response = overlap_views.matrix(request)
            assert response.status_code == 200, response.status_code
            return response

        biggest = max(selectors.overlaps(), key=lambda overlap: overlap.offer_count, default=None)

        def cell_page():
            request = factory.get(
                reverse(
                    "overlaps:cell",
                    kwargs={"quarter": biggest.quarter.slug, "target_group": biggest.target_group.slug},
                )
            )
            request.user = staff
            response = overlap_views.cell(request, quarter=biggest.quarter.slug, target_group=biggest.target_group.slug)
            assert response.status_code == 200, response.status_code
            return response

        cases = [
            ("overlaps()", lambda: selectors.overlaps()),
            ("overlaps(by_field=True)", lambda: selectors.overlaps(by_field=True)),
            ("gaps()", lambda: selectors.gaps()),
            ("overlap_matrix()", lambda: selectors.overlap_matrix()),
            ("Matrix-Seite (GET)", matrix_page),
        ]
        if biggest is not None:
            cases.append((f"Zellen-Seite ({biggest.offer_count} Angebote)", cell_page))

        self.stdout.write(f"{'Messung':<34} {'Median':>9} {'Minimum':>9} {'Abfragen':>9}")
        for label, run in cases:
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    begin = time.perf_counter()
                    run()
                    timings.append(time.perf_counter() - begin)
            self.stdout.write(
                f"{label:<34} {statistics.median(timings) * 1000:>7.0f} ms {min(timings) * 1000:>6.0f} ms "
                f"{len(queries):>9}"
            )
        overlaps = selectors.overlaps()
        self.stdout.write(
            f"Fertig: {len(overlaps)} Überschneidungen, {len(selectors.gaps())} Lücken, "
            f"{repeat} Wiederholungen je Messung."
        )
