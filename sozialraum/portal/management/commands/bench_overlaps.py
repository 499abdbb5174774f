from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from providers.overlaps import selectors
from providers.overlaps import views as overlap_views
from sozialraum.portal.benchmarks import ScaledBenchmarkCommand, timed


class Command(ScaledBenchmarkCommand):
    help = (
        "Misst die Überschneidungsprüfung und die Matrix-Seite mit vielen Anbietern. Legt dazu das "
        "Demo-Programm und N synthetische Anbieter (je fünf Angebote) in der eingestellten Datenbank an – "
        "nur mit einer Wegwerf-Datenbank verwenden."
    )

    def handle(self, *args, providers, repeat, **options):
        self.load(providers=providers, repeat=repeat)

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
            ("parallel_offers()", lambda: selectors.parallel_offers()),
            ("overlaps()", lambda: selectors.overlaps()),
            ("overlaps(by_field=True)", lambda: selectors.overlaps(by_field=True)),
            ("gaps()", lambda: selectors.gaps()),
            ("service_type_gaps()", lambda: selectors.service_type_gaps()),
            ("overlap_matrix()", lambda: selectors.overlap_matrix()),
            ("overlap_matrix(rule=alle)", lambda: selectors.overlap_matrix(rule=selectors.RULE_ALL)),
            ("Matrix-Seite (GET)", matrix_page),
        ]
        if biggest is not None:
            cases.append((f"Zellen-Seite ({biggest.offer_count} Angebote)", cell_page))

        self.stdout.write(f"{'Messung':<34} {'Median':>9} {'Minimum':>9} {'Abfragen':>9}")
        for label, run in cases:
            timing = timed(run, repeat=repeat)
            self.stdout.write(f"{label:<34} {timing.median_ms:>7.0f} ms {timing.min_ms:>6.0f} ms {timing.queries:>9}")
        overlaps = selectors.overlaps()
        self.stdout.write(
            f"Fertig: {len(selectors.parallel_offers())} Parallelangebote, {len(overlaps)} Überschneidungen, "
            f"{len(selectors.gaps())} Lücken, {repeat} Wiederholungen je Messung."
        )
