import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sozialraum.portal.demo import DEMO_STAFF_USERNAME, load_demo, load_scale


class Command(BaseCommand):
    help = (
        "Lädt das Demo-Programm (Iserlohn, Südliche Innenstadt/Obere Mühle). Mehrfaches Laden ändert "
        "nichts. Mit --scale N kommen N synthetische Anbieter mit je fünf Angeboten für Lasttests hinzu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, metavar="N",
                            help="N synthetische Anbieter (je 5 Angebote) zusätzlich anlegen")
        parser.add_argument("--scale-measures", type=int, default=None, metavar="M",
                            help="M synthetische Maßnahmen zusätzlich (Standard: N/10)")
        parser.add_argument("--no-staff-account", action="store_true",
                            help="kein Demo-Redaktionskonto anlegen")
        parser.add_argument("--no-concept-edition", action="store_true",
                            help="die Konzeptausgabe vom 15.06.2011 nicht veröffentlichen (spart das PDF-Rendern)")

    def handle(self, *args, scale, scale_measures, no_staff_account, no_concept_edition=False, **options):
        if scale < 0 or (scale_measures is not None and scale_measures < 0):
            raise CommandError("--scale und --scale-measures dürfen nicht negativ sein.")
        started = time.perf_counter()
        with_staff = settings.DEBUG and not no_staff_account
        result = load_demo(with_staff_account=with_staff, with_concept_edition=not no_concept_edition)
        if scale or scale_measures:
            measures = scale // 10 if scale_measures is None else scale_measures
            scaled = load_scale(providers=scale, measures=measures)
            for label, number in scaled.created.items():
                result.add(f"{label} (synthetisch)", number)
        seconds = time.perf_counter() - started

        if result.staff_password:
            self.stdout.write(
                "Anmeldung für die Redaktion: http://127.0.0.1:8000/admin/\n"
                f"  Benutzer: {DEMO_STAFF_USERNAME}\n"
                f"  Passwort: {result.staff_password}\n"
                "  (nur für die Demo; bei jedem Laden neu vergeben)"
            )
        elif not settings.DEBUG and not no_staff_account:
            self.stdout.write("Kein Demo-Konto: DEBUG ist aus. Konto anlegen mit: python manage.py createsuperuser")
        details = ", ".join(f"{number} {label}" for label, number in sorted(result.created.items()))
        self.stdout.write(
            self.style.SUCCESS(f"Demo-Programm geladen in {seconds:.1f} s: {details or 'nichts Neues angelegt'}.")
        )
