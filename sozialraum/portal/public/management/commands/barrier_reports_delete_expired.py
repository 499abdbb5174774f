from django.conf import settings
from django.core.management.base import BaseCommand

from sozialraum.portal.public.services import barrier_reports_delete_expired


class Command(BaseCommand):
    help = (
        "Löscht Barriere-Meldungen, die älter als BARRIER_REPORT_RETENTION_DAYS Tage sind "
        "(täglich per cron aufrufen; jede neue Meldung löscht die abgelaufenen ebenfalls)."
    )

    def handle(self, *args, **options):
        deleted = barrier_reports_delete_expired()
        self.stdout.write(
            f"{deleted} Barriere-Meldungen gelöscht (älter als {settings.BARRIER_REPORT_RETENTION_DAYS} Tage)."
        )
