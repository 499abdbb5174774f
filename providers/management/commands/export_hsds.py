import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from providers.hsds import records


class Command(BaseCommand):
    help = (
        "Den Anbieterkatalog im Format Open Referral HSDS 3.0 exportieren: je Tabelle eine JSON-Datei "
        "(organization.json, service.json, location.json, …) im Zielordner. Wiederholbar: gleiche Daten, "
        "gleiche Dateien und Kennungen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="ORDNER", help="Zielordner (muss existieren)")
        parser.add_argument(
            "--include-inactive", action="store_true",
            help="auch inaktive Angebote ausgeben (Status „inactive“); sonst nur der öffentliche Katalog",
        )
        parser.add_argument(
            "--base-url", default="", metavar="URL",
            help="Adresse des Portals (z. B. https://sozialraum.example.de) für Links zu Anbietern und Angeboten",
        )

    def handle(self, *args, output, include_inactive, base_url, **options):
        folder = Path(output)
        if not folder.is_dir():
            raise CommandError(_("Den Zielordner „%(path)s“ gibt es nicht.") % {"path": output}, returncode=2)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise CommandError(_("In den Zielordner „%(path)s“ kann nicht geschrieben werden.") % {"path": output},
                               returncode=2)
        if base_url and not base_url.startswith(("http://", "https://")):
            raise CommandError(_("--base-url muss mit http:// oder https:// beginnen."), returncode=2)

        tables = records.export_tables(include_inactive=include_inactive, base_url=base_url or None)
        for name, rows in tables.items():
            self._write(folder / f"{name}.json", rows)
        self.stdout.write(
            _("HSDS 3.0 exportiert nach %(path)s: %(organizations)d Organisationen, %(services)d Angebote, "
              "%(terms)d Taxonomie-Begriffe in %(files)d Dateien.")
            % {
                "path": folder,
                "organizations": len(tables["organization"]),
                "services": len(tables["service"]),
                "terms": len(tables["taxonomy_term"]),
                "files": len(tables),
            }
        )

    def _write(self, path, rows):
        """Writes atomically: a half-written file never replaces a good one."""
        try:
            temporary = path.with_name(f".{path.name}.tmp")
            with open(temporary, "w", encoding="utf-8") as file:
                json.dump(rows, file, ensure_ascii=False, indent=2)
                file.write("\n")
            os.replace(temporary, path)
        except OSError as error:
            raise CommandError(
                _("Die Datei „%(path)s“ kann nicht geschrieben werden: %(error)s") % {"path": path,
                                                                                    "error": error.strerror},
                returncode=2,
            ) from None
