from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from sozialraum.models import ConceptEdition
from sozialraum.portal.concept.data import concept_data
from sozialraum.portal.concept.render import render_concept


class Command(BaseCommand):
    help = (
        "Schreibt das Gesamtkonzept als PDF: den aktuellen Entwurf aus den Daten oder mit --edition "
        "die gespeicherte Datei einer veröffentlichten Ausgabe (unverändert)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", required=True, metavar="PFAD", help="Zieldatei (PDF)")
        parser.add_argument(
            "--edition", metavar="NAME", help="Kurzname oder Bezeichnung einer veröffentlichten Ausgabe"
        )

    def handle(self, *args, output, edition=None, **options):
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"Der Ordner {target.parent} existiert nicht.", returncode=2)
        if edition:
            found = ConceptEdition.objects.filter(Q(slug=edition) | Q(name=edition)).order_by("-published_at").first()
            if found is None:
                raise CommandError(f"Keine veröffentlichte Ausgabe „{edition}“ gefunden.", returncode=2)
            try:
                with found.pdf.open("rb") as stored:
                    content = stored.read()
            except (FileNotFoundError, ValueError) as error:
                raise CommandError(f"Die Datei der Ausgabe „{found.name}“ fehlt.", returncode=2) from error
            target.write_bytes(content)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Ausgabe „{found.name}“ geschrieben: {target} ({found.page_count} Seiten, {len(content)} Bytes)."
                )
            )
            return
        rendered = render_concept(concept_data())
        target.write_bytes(rendered.pdf)
        self.stdout.write(
            self.style.SUCCESS(
                f"Entwurf geschrieben: {target} ({rendered.page_count} Seiten, {len(rendered.pdf)} Bytes)."
            )
        )
