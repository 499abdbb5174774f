"""The demo's recorded cooperations (Netzwerkanalyse), loaded by ``load_demo``.

The rest of the demo network comes from data the demo has already: the participants of
the Quartierswerkstatt 2011 and of the sustainability workshop (after Krefeld's list of
institutions) and the lead and partners of the measures.
"""

import datetime as dt

from network.models import Cooperation
from providers.models import Provider

# (first provider slug, second provider slug or None, second institution, kind, since, note)
COOPERATIONS = [
    ("vhs-iserlohn", "integrationsagentur", "", Cooperation.Kind.CONTRACT, "2019-09-01",
     "Integrationskurse mit Kinderbetreuung im Familienzentrum; die Agentur vermittelt die Teilnehmenden."),
    ("jugendzentrum-karnacksweg", "familienzentrum-obere-muehle", "", Cooperation.Kind.JOINT_OFFER, "2021-03-01",
     "Ferienspiele für Kinder aus der Oberen Mühle, seit der mobile Jugendtreff eingestellt ist."),
    ("mieterverein", None, "Wohnungsgesellschaft, Vermietung Obere Mühle", Cooperation.Kind.WORKING_GROUP,
     "2022-01-15", "Arbeitskreis Wohnen: Leerstand, Mieterberatung und altengerechter Umbau."),
    ("caritas-iserlohn", "diakonie-mark-ruhr", "", Cooperation.Kind.CONTRACT, "2016-01-01",
     "Gemeinsame Vertretungsregel der Schuldnerberatungen in den Ferien."),
    ("kreuzbund-iserlohn", None, "PSAG Märkischer Kreis, Untergruppe Gerontopsychiatrie",
     Cooperation.Kind.WORKING_GROUP, "2018-05-01", "Arbeitskreis „Sucht im Alter“."),
]


def load_cooperations(result):
    """Creates the demo's cooperations that are missing (idempotent); counts them in ``result``."""
    slugs = {row[0] for row in COOPERATIONS} | {row[1] for row in COOPERATIONS if row[1]}
    providers = Provider.objects.in_bulk(slugs, field_name="slug")
    for first, second, institution, kind, since, note in COOPERATIONS:
        if first not in providers or (second and second not in providers):
            continue
        _cooperation, created = Cooperation.objects.get_or_create(
            first_provider=providers[first],
            second_provider=providers.get(second),
            second_institution=institution,
            kind=kind,
            defaults={"since": dt.date.fromisoformat(since), "note": note},
        )
        result.count("Kooperationen", created)
