from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from network import drawing, selectors
from network import views as network_views
from sozialraum.portal.benchmarks import ScaledBenchmarkCommand, timed
from sozialraum.portal.concept.network import network_chapter
from sozialraum.portal.demo_network import load_scale_network


class Command(ScaledBenchmarkCommand):
    help = (
        "Misst die Netzwerkanalyse (Daten lesen, Kennzahlen mit networkx, Bild, Seite) mit vielen Akteuren. "
        "Legt dazu das Demo-Programm, N synthetische Anbieter und W synthetische Werkstätten mit je 15 "
        "teilnehmenden Anbietern in der eingestellten Datenbank an – nur mit einer Wegwerf-Datenbank verwenden."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--workshops", type=int, default=100, metavar="W", help="synthetische Werkstätten")

    def handle(self, *args, providers, repeat, workshops, **options):
        self.load(providers=providers, repeat=repeat)
        load_scale_network(workshops=workshops)

        staff = get_user_model()(username="bench-network", is_staff=True, is_superuser=True, is_active=True)
        factory = RequestFactory(HTTP_HOST="localhost")

        def page():
            request = factory.get(reverse("network:network-detail"))
            request.user = staff
            response = network_views.network_page(request)
            assert response.status_code == 200, response.status_code
            return response

        facts = selectors.network_facts()
        network = selectors.network_from(facts)
        cases = [
            ("network_facts()", selectors.network_facts),
            ("network_from() mit networkx", lambda: selectors.network_from(facts)),
            ("network_svg()", lambda: drawing.network_svg(network)),
            ("Kapitel 9 (Daten)", network_chapter),
            ("Netzwerk-Seite (GET)", page),
        ]
        self.stdout.write(f"{'Messung':<34} {'Median':>9} {'Minimum':>9} {'Abfragen':>9}")
        for label, run in cases:
            timing = timed(run, repeat=repeat)
            self.stdout.write(f"{label:<34} {timing.median_ms:>7.0f} ms {timing.min_ms:>6.0f} ms {timing.queries:>9}")
        self.stdout.write(
            f"Fertig: {len(network.actors)} Akteure, {len(network.edges)} Verbindungen, "
            f"{len(network.isolated)} ohne Verbindung, {repeat} Wiederholungen je Messung."
        )
