from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sozialraum.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Stellt eine Sicherung von manage.py backup wieder her: prüft alle SHA-256-Summen, spielt die Datenbank "
        "in die (leere) konfigurierte Datenbank ein und legt die Medien in den Speicher. Überschreibt nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="ORDNER", help="Ordner mit manifest.json")

    def handle(self, *args, folder, **options):
        try:
            manifest = restore(folder)
        except BackupError as error:
            raise CommandError(str(error), returncode=2)
        self.stdout.write(_("Wiederhergestellt aus %(path)s: Datenbank (%(vendor)s) und %(media)d Mediendateien.")
                          % {"path": folder, "vendor": manifest["database"]["vendor"], "media": manifest["media_files"]})
