from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sozialraum.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sichert Datenbank (pg_dump bzw. SQLite-Online-Sicherung) und Medien (alle Dateien des Speichers) "
        "in einen neuen Ordner, mit manifest.json und SHA256SUMS. Wiederherstellen: manage.py restore ORDNER."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="ORDNER", help="neuer oder leerer Ordner")

    def handle(self, *args, output, **options):
        try:
            manifest = backup(output)
        except BackupError as error:
            raise CommandError(str(error), returncode=2)
        self.stdout.write(_("Gesichert nach %(path)s: Datenbank (%(vendor)s) und %(media)d Mediendateien.")
                          % {"path": output, "vendor": manifest["database"]["vendor"], "media": manifest["media_files"]})
