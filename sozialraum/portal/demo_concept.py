"""The demo's concept edition: the Gesamtkonzept that the Institut FASTRA presented to the
Sozialausschuss of the city of Iserlohn on 15.06.2011 (see the programme's project page).

Published through the ordinary publishing service, so the demo has what every committee
member looks for first: ``/konzept/aktuell.pdf``. Its PDF is rendered from the demo data.
"""

import datetime as dt

from sozialraum.models import ConceptEdition

from .concept.services import edition_publish

EDITION = {
    "name": "Gesamtkonzept Südliche Innenstadt/Obere Mühle",
    "slug": "gesamtkonzept-2011",
    "presented_on": dt.date(2011, 6, 15),
    "presented_to": "Sozialausschuss der Stadt Iserlohn",
    "note": "vorgestellt vom Institut FASTRA im Sozialausschuss der Stadt Iserlohn am 15.06.2011 "
    "(Demo: aus den Daten des Demo-Programms erzeugt)",
}


def load_concept_edition(result):
    """Publishes the historical edition unless it exists (idempotent)."""
    if ConceptEdition.objects.filter(slug=EDITION["slug"]).exists():
        return None
    edition = edition_publish(**EDITION)
    result.count("Konzeptausgaben", True)
    return edition
