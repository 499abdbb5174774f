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


def load_scale_network(*, workshops, per_workshop=15, seed=2011):
    """For the network benchmark: synthetic past workshops, each with ``per_workshop``
    synthetic providers taking part, and one cooperation per workshop (idempotent)."""
    import random

    from django.utils import timezone

    from workshops.models import Participant, Workshop

    rng = random.Random(seed)
    provider_ids = list(Provider.objects.filter(slug__startswith="synth-").order_by("pk").values_list("pk", flat=True))
    if len(provider_ids) < per_workshop:
        return 0
    existing = set(Workshop.objects.filter(slug__startswith="synth-").values_list("slug", flat=True))
    start = timezone.now() - dt.timedelta(days=2 * workshops)
    made = [
        Workshop(slug=f"synth-werkstatt-{n}", title=f"Synthetische Werkstatt {n}",
                 starts_at=start + dt.timedelta(days=2 * n), ends_at=start + dt.timedelta(days=2 * n, hours=2))
        for n in range(1, workshops + 1)
        if f"synth-werkstatt-{n}" not in existing
    ]
    Workshop.objects.bulk_create(made)
    fresh = Workshop.objects.filter(slug__startswith="synth-", participants__isnull=True).order_by("pk")
    participants, cooperations = [], []
    for workshop in fresh:
        chosen = rng.sample(provider_ids, per_workshop)
        participants += [Participant(workshop=workshop, provider_id=pk) for pk in chosen]
        cooperations.append(Cooperation(first_provider_id=chosen[0], second_provider_id=rng.choice(provider_ids[1:]),
                                        kind=Cooperation.Kind.WORKING_GROUP))
    Participant.objects.bulk_create(participants, batch_size=5000)
    Cooperation.objects.bulk_create([item for item in cooperations if item.first_provider_id != item.second_provider_id])
    return len(made)
