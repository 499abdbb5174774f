import resource
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries

from measures.models import Measure
from providers.models import Offer, Provider
from sozialraum.portal.concept.data import concept_data
from sozialraum.portal.concept.render import render_concept


def peak_rss_mb():
    """Peak resident memory of this process in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = (
        "Misst, wie lange das Gesamtkonzept für ein großes Programm braucht: Seiten, Sekunden, "
        "Spitzenspeicher. Mit --load werden vorher Demo-Programm und synthetische Daten geladen "
        "(nur in eine Wegwerf-Datenbank, z. B. DATABASE_URL=sqlite:////tmp/bench.sqlite3)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--load", action="store_true", help="Demo-Programm und synthetische Daten laden")
        parser.add_argument("--scale", type=int, default=2000, metavar="N", help="synthetische Anbieter (--load)")
        parser.add_argument("--measures", type=int, default=200, metavar="M", help="synthetische Maßnahmen (--load)")
        parser.add_argument("--tracemalloc", action="store_true", help="auch Python-Speicher messen (langsamer)")
        parser.add_argument("--output", metavar="PFAD", help="das erzeugte PDF hier speichern")

    def handle(self, *args, load, scale, measures, output, **options):
        measure_python = options["tracemalloc"]
        if load:
            name = str(connection.settings_dict["NAME"])
            if name == str(Path(settings.BASE_DIR) / "db.sqlite3"):
                raise CommandError(
                    "--load schreibt Tausende Testdatensätze und ist für die Projektdatenbank gesperrt. "
                    "Bitte eine Wegwerf-Datenbank angeben, z. B. DATABASE_URL=sqlite:////tmp/bench.sqlite3.",
                    returncode=2,
                )
            call_command("migrate", verbosity=0, interactive=False)
            call_command(
                "load_demo", scale=scale, scale_measures=measures, no_staff_account=True, stdout=self.stdout
            )

        rss_before = peak_rss_mb()
        if measure_python:
            tracemalloc.start()
        reset_queries()
        started = time.perf_counter()
        data = concept_data()
        gathered = time.perf_counter()
        rendered = render_concept(data)
        finished = time.perf_counter()
        python_peak = None
        if measure_python:
            python_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            tracemalloc.stop()
        if output:
            Path(output).write_bytes(rendered.pdf)

        self.stdout.write(
            f"Umfang: {Measure.objects.published().count()} Maßnahmen, {Provider.objects.count()} Anbieter, "
            f"{Offer.objects.active().count()} aktive Angebote"
        )
        memory = f"Spitzenspeicher (RSS): {peak_rss_mb():.0f} MB (vor dem Bericht {rss_before:.0f} MB)"
        if python_peak is not None:
            memory += f", Python-Spitze (tracemalloc): {python_peak:.0f} MB"
        self.stdout.write(memory)
        self.stdout.write(
            self.style.SUCCESS(
                f"Gesamtkonzept: {rendered.page_count} Seiten, {len(rendered.pdf) / 1024 / 1024:.1f} MB, "
                f"{finished - started:.1f} s (Daten {gathered - started:.2f} s, Satz {finished - gathered:.1f} s)."
            )
        )
