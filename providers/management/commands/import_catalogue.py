from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from providers.tabular.columns import MAX_IMPORT_BYTES
from providers.tabular.imports import ImportFileError, providers_import


def error_line(error):
    """„Zeile 3, Spalte „Zeiten“: …“, as the admin's preview lists a row error."""
    where = []
    if error.row is not None:
        where.append(_("Zeile %(row)s") % {"row": error.row})
    if error.column:
        where.append(_("Spalte „%(column)s“") % {"column": error.column})
    return f"{', '.join(where)}: {error.message}" if where else error.message


def summary_line(summary):
    return _(
        "Anbieter: %(pc)d neu, %(pu)d geändert, %(pn)d unverändert. "
        "Angebote: %(oc)d neu, %(ou)d geändert, %(on)d unverändert."
    ) % {
        "pc": summary["providers_created"], "pu": summary["providers_updated"], "pn": summary["providers_unchanged"],
        "oc": summary["offers_created"], "ou": summary["offers_updated"], "on": summary["offers_unchanged"],
    }


class Command(BaseCommand):
    help = (
        "Anbieter und Angebote aus einer Tabelle (CSV oder XLSX, Spalten wie die Vorlage im Admin) importieren. "
        "Prüft erst alle Zeilen und speichert dann alle oder keine; Fehler nennen Zeile, Spalte und Grund "
        "(Rückgabewert 1). Wiederholbar: dieselbe Datei ein zweites Mal ändert nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="DATEI", help="die Tabelle (CSV oder XLSX)")
        parser.add_argument(
            "--dry-run", action="store_true", help="nur prüfen und zeigen, was sich ändern würde; nichts speichern"
        )

    def handle(self, *args, file, dry_run, **options):
        data = self._read(Path(file))
        try:
            result = providers_import(data=data, user=None, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(_("„%(path)s“: %(error)s") % {"path": file, "error": error}) from None

        if result.ignored_headers:
            self.stderr.write(_("Nicht berücksichtigte Spalten: %(headers)s")
                              % {"headers": ", ".join(result.ignored_headers)})
        if result.errors:
            for error in result.errors:
                self.stderr.write(error_line(error))
            raise CommandError(
                _("%(count)d Fehler in „%(path)s“; es wurde nichts gespeichert.")
                % {"count": len(result.errors), "path": file}
            )
        prefix = _("Probelauf, nichts gespeichert") if dry_run else _("Import abgeschlossen")
        self.stdout.write(f"{prefix}: {summary_line(result.summary)}")

    def _read(self, path):
        """The file's bytes (at most one byte more than allowed, so the import can say it is too big)."""
        try:
            with open(path, "rb") as handle:
                return handle.read(MAX_IMPORT_BYTES + 1)
        except FileNotFoundError:
            raise CommandError(_("Die Datei „%(path)s“ gibt es nicht.") % {"path": path}) from None
        except IsADirectoryError:
            raise CommandError(_("„%(path)s“ ist ein Ordner, keine Datei.") % {"path": path}) from None
        except OSError as error:
            raise CommandError(
                _("Die Datei „%(path)s“ kann nicht gelesen werden: %(error)s") % {"path": path, "error": error.strerror}
            ) from None
