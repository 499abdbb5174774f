from django.conf import settings
from django.core.management.base import BaseCommand

from workshops.services import registrations_purge


class Command(BaseCommand):
    help = (
        "Löscht die Anmeldungen zu Werkstätten, die vor mehr als WORKSHOP_REGISTRATION_RETENTION_DAYS "
        "Tagen zu Ende gingen. Täglich laufen lassen (cron, systemd-Timer); mehrfaches Laufen schadet nicht."
    )

    def handle(self, *args, **options):
        deleted = registrations_purge()
        days = settings.WORKSHOP_REGISTRATION_RETENTION_DAYS
        self.stdout.write(
            self.style.SUCCESS(f"{deleted} Anmeldung(en) gelöscht (älter als {days} Tage nach der Veranstaltung).")
        )
