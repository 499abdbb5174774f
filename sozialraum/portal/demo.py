"""Loads the demo programme (``manage.py load_demo``): idempotent, and bulk for ``--scale``."""

import datetime as dt
import random
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from measures.models import FundingLine, FundingProgramme, Goal, Measure
from providers.models import Offer, OpeningSlot, Provider, ServiceType
from providers.schedules.parsing import parse_opening_hours
from providers.tabular.cells import parse_access, parse_cost
from sozialraum.common.geo import point, quarter_for_point
from sozialraum.models import (
    FieldOfAction,
    Indicator,
    IndicatorValue,
    Language,
    Programme,
    Quarter,
    SwotItem,
    TargetGroup,
)
from sozialraum.roles import EDITORS
from workshops.models import Participant, Workshop, WorkshopResult, WorkshopSeries

from . import demo_data as data
from . import demo_impact, demo_network, roles
from .demo_concept import load_concept_edition
from .public.services import public_pages_adopt_programme

DEMO_STAFF_USERNAME = "redaktion"
SYNTHETIC_PREFIX = "synth-"


@dataclass
class DemoResult:
    created: dict = field(default_factory=dict)
    staff_password: str | None = None

    def count(self, label, created):
        if created:
            self.created[label] = self.created.get(label, 0) + 1

    def add(self, label, number):
        if number:
            self.created[label] = self.created.get(label, 0) + number

    @property
    def total(self):
        return sum(self.created.values())


def _get_or_create(result, label, model, lookup, defaults, m2m=None):
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    if created and m2m:
        for name, values in m2m.items():
            getattr(obj, name).set(values)
    result.count(label, created)
    return obj


@transaction.atomic
def load_demo(*, now=None, with_staff_account=False, with_concept_edition=False):
    """Creates what is missing of the demo programme; existing records stay as they are.

    ``with_concept_edition`` publishes the historical concept edition of 2011 (renders a PDF).
    """
    now = now or timezone.now()
    result = DemoResult()

    if not Programme.objects.exists():
        Programme.objects.create(**data.PROGRAMME)
        result.count("Programm", True)
    public_pages_adopt_programme(programme=Programme.objects.current())  # city and contact in the legal pages

    languages = {
        code: _get_or_create(result, "Sprachen", Language, {"code": code}, {"name": name})
        for code, name in data.LANGUAGES
    }
    quarters = {
        slug: _get_or_create(
            result,
            "Quartiere",
            Quarter,
            {"slug": slug},
            {"name": name, "city": "Iserlohn", "in_programme_area": in_area, "boundary": boundary,
             "description": description, "order": index},
        )
        for index, (slug, name, in_area, boundary, description) in enumerate(data.QUARTERS)
    }
    groups = {}
    for index, (slug, name, parent, min_age, max_age) in enumerate(data.TARGET_GROUPS):
        groups[slug] = _get_or_create(
            result,
            "Zielgruppen",
            TargetGroup,
            {"slug": slug},
            {"name": name, "parent": groups.get(parent), "min_age": min_age, "max_age": max_age, "order": index},
        )
    fields = {
        slug: _get_or_create(result, "Handlungsfelder", FieldOfAction, {"slug": slug}, {"name": name, "order": i})
        for i, (slug, name) in enumerate(data.FIELDS_OF_ACTION)
    }

    _load_indicators(result, quarters, groups)
    swot = _load_swot(result, quarters)
    providers = _load_providers(result, quarters, groups, fields, languages)
    measures = _load_goals_and_measures(result, quarters, groups, fields, providers, swot)
    _load_workshops(result, now, quarters, providers, measures)
    demo_impact.load_impact(result)
    demo_network.load_cooperations(result)
    if with_concept_edition:
        load_concept_edition(result)

    if with_staff_account:
        result.staff_password = _demo_staff_account(result)
    return result


def _load_indicators(result, quarters, groups):
    for order, (slug, name, unit, group, base, change) in enumerate(data.INDICATORS):
        indicator = _get_or_create(
            result, "Indikatoren", Indicator, {"slug": slug},
            {"name": name, "unit": unit, "target_group": groups.get(group), "order": order},
        )
        existing = set(IndicatorValue.objects.filter(indicator=indicator).values_list("quarter_id", "year"))
        new = []
        for quarter_slug, value in base.items():
            quarter = quarters[quarter_slug]
            for step, year in enumerate(data.INDICATOR_YEARS):
                if (quarter.pk, year) in existing:
                    continue
                amount = Decimal(str(value)) + Decimal(str(change)) * step
                new.append(IndicatorValue(indicator=indicator, quarter=quarter, year=year,
                                          value=amount.quantize(Decimal("0.1")), source=data.INDICATOR_SOURCE))
        IndicatorValue.objects.bulk_create(new)
        result.add("Indikatorwerte", len(new))


def _load_swot(result, quarters):
    items = {}
    for quarter_slug, kinds in data.SWOT.items():
        for kind, texts in kinds.items():
            for order, text in enumerate(texts):
                items[text] = _get_or_create(
                    result, "SWOT-Aussagen", SwotItem,
                    {"quarter": quarters[quarter_slug], "kind": kind, "text": text}, {"order": order},
                )
    return items


def _load_providers(result, quarters, groups, fields, languages):
    all_quarters = list(quarters.values())
    service_types = {service_type.slug: service_type for service_type in ServiceType.objects.all()}
    providers = {}
    for (slug, name, kind, street, (lon, lat), phone, website, accessibility, langs, description,
         offers) in data.PROVIDERS:
        location = point(lon, lat)
        home = quarter_for_point(location, all_quarters)
        provider = _get_or_create(
            result, "Anbieter", Provider, {"slug": slug},
            {"name": name, "kind": kind, "street": street, "postcode": "58636", "city": "Iserlohn",
             "location": location, "phone": phone, "website": website, "accessibility": accessibility,
             "description": description, "last_verified": dt.date(2026, 9, 1),
             **dict.fromkeys(parse_access(accessibility), True)},
            m2m={"languages": [languages[code] for code in langs]},
        )
        providers[slug] = provider
        if slug in data.PROVIDER_HOURS and not provider.slots.exists():
            provider_times = parse_opening_hours(data.PROVIDER_HOURS[slug])
            OpeningSlot.objects.bulk_create(
                OpeningSlot(provider=provider, weekday=slot.weekday, opens=slot.opens, closes=slot.closes,
                            ordinal=slot.ordinal)
                for slot in provider_times.slots
            )
        for (offer_slug, title, field_slug, group_slugs, quarter_slugs, hours, cost, active,
             offer_description) in offers:
            offer_quarters = [quarters[q] for q in quarter_slugs] if quarter_slugs else [home] if home else []
            type_slug, age_min, age_max, appointment = data.OFFER_DETAILS[offer_slug]
            times = parse_opening_hours(hours)
            created_before = result.created.get("Angebote", 0)
            offer = _get_or_create(
                result, "Angebote", Offer, {"provider": provider, "slug": offer_slug},
                {"title": title, "field_of_action": fields[field_slug], "description": offer_description,
                 "service_type": service_types.get(type_slug), "age_min": age_min, "age_max": age_max,
                 "appointment_required": appointment, "cost": "" if cost == "kostenlos" else cost,
                 "cost_kind": parse_cost(cost), "active": True,
                 "paused_until": None if active else dt.date(2027, 3, 31),
                 "by_appointment": times.by_appointment, "opening_hours": times.note},
                m2m={"target_groups": [groups[g] for g in group_slugs], "quarters": offer_quarters,
                     "languages": [languages[code] for code in langs]},
            )
            if result.created.get("Angebote", 0) > created_before:
                OpeningSlot.objects.bulk_create(
                    OpeningSlot(offer=offer, weekday=slot.weekday, opens=slot.opens, closes=slot.closes,
                                ordinal=slot.ordinal)
                    for slot in times.slots
                )
    return providers


def _load_goals_and_measures(result, quarters, groups, fields, providers, swot):
    top_slug, top_title = data.TOP_GOAL
    top = _get_or_create(result, "Ziele", Goal, {"slug": top_slug}, {"title": top_title})
    goals = {top_slug: top}
    for order, (slug, title) in enumerate(data.SUB_GOALS):
        goals[slug] = _get_or_create(result, "Ziele", Goal, {"slug": slug},
                                     {"title": title, "parent": top, "order": order})
    programmes = {
        slug: _get_or_create(result, "Förderprogramme", FundingProgramme, {"slug": slug},
                             {"name": name, "short_name": short, "kind": kind})
        for slug, name, short, kind in data.FUNDING_PROGRAMMES
    }
    area = quarters["suedliche-innenstadt-obere-muehle"]
    weaknesses = [item for item in swot.values() if item.kind in ("weakness", "threat") and item.quarter_id == area.pk]
    measures = {}
    for index, (code, slug, title, summary, status, progress, start, end, goal_slugs, field_slugs, group_slugs,
                partner_slugs, lead, light, reason, funding) in enumerate(data.MEASURES):
        measure = _get_or_create(
            result, "Maßnahmen", Measure, {"code": code},
            {"slug": slug, "title": title, "summary": summary, "description": "", "status": status,
             "progress": progress, "start_date": dt.date.fromisoformat(start), "end_date": dt.date.fromisoformat(end),
             "lead": lead, "traffic_light": light, "traffic_light_reason": reason},
            m2m={"goals": [goals[g] for g in goal_slugs], "fields_of_action": [fields[f] for f in field_slugs],
                 "target_groups": [groups[g] for g in group_slugs], "quarters": [area],
                 "partners": [providers[p] for p in partner_slugs],
                 "swot_items": weaknesses[index % len(weaknesses): index % len(weaknesses) + 1]},
        )
        measures[code] = measure
        if not measure.funding_lines.exists():
            lines = [FundingLine(measure=measure, programme=programmes[p], amount=Decimal(a), year=y)
                     for p, a, y in funding]
            FundingLine.objects.bulk_create(lines)
            result.add("Förderungen", len(lines))
    return measures


def _local(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _load_workshops(result, now, quarters, providers, measures):
    area = quarters["suedliche-innenstadt-obere-muehle"]
    series = _get_or_create(
        result, "Werkstattreihen", WorkshopSeries, {"slug": "quartierswerkstaetten"},
        {"title": "Quartierswerkstätten Südliche Innenstadt/Obere Mühle",
         "description": "Bewohnerinnen, Bewohner, Träger und Verwaltung planen gemeinsam."},
    )
    location = point(7.6978, 51.3698)
    today = timezone.localdate(now)

    def workshop(slug, defaults):
        defaults = {"series": series, "quarter": area, "venue": "Stadtteilbüro Obere Mühle",
                    "address": "Obere Mühle 3, 58636 Iserlohn", "location": location, **defaults}
        return _get_or_create(result, "Werkstätten", Workshop, {"slug": slug}, defaults)

    first = workshop("quartierswerkstatt-2011", {
        "title": "Quartierswerkstatt Südliche Innenstadt/Obere Mühle",
        "kind": Workshop.Kind.NEIGHBOURHOOD, "measure": measures["6.0"],
        "starts_at": _local(dt.date(2011, 4, 6), 9), "ends_at": _local(dt.date(2011, 4, 6), 16),
        "venue": "Varnhagenhaus", "address": "Theodor-Heuss-Ring 5, 58636 Iserlohn",
        "description": "Arbeitstagung mit allen Akteuren im Stadtteil: Wohlfahrtsverbände, Selbsthilfegruppen, "
                       "Einrichtungen im Stadtteil und Verwaltung.",
        "documentation": "Die Ergebnisse sind in das Gesamtkonzept eingeflossen, das am 15.06.2011 im "
                         "Sozialausschuss vorgestellt wurde.",
    })
    sustainability = workshop("nachhaltigkeitsworkshop", {
        "title": "Nachhaltigkeitsworkshop: Was bleibt nach der Förderung?",
        "kind": Workshop.Kind.WORKSHOP, "measure": measures["1.0"],
        "starts_at": _local(today - dt.timedelta(days=60), 14), "ends_at": _local(today - dt.timedelta(days=60), 18),
        "description": "Achtzehn Aktivitäten aus dem Programm werden vorgestellt. Die verantwortlichen Akteure "
                       "sagen, ob und unter welchen Bedingungen sie über die Förderung hinaus fortgesetzt werden.",
        "documentation": "Am Ende zeigten 14 von 18 Ampeln Grün. Die Anlaufstelle im leerstehenden Ladenlokal "
                         "wird mit einem festen Mietvertrag gesichert.",
    })
    upcoming = [
        ("werkstatt-altengerechtes-wohnen", "Quartierswerkstatt: Älter werden an der Oberen Mühle", 16, "8.0",
         "Wie wollen ältere Menschen im Quartier wohnen? Ideen für Treffpunkte, Nachbarschaftshilfe und Umbau."),
        ("werkstatt-strassenraeume", "Werkstatt Straßenräume: Plätze, Bäume, sichere Wege", 37, "3.0",
         "Die Entwürfe für die Umgestaltung der Straßenräume werden vorgestellt und gemeinsam verbessert."),
        ("informationsabend-verfuegungsfonds", "Informationsabend Verfügungsfonds", 58, "4.0",
         "Wie bekomme ich Geld für ein Projekt in meiner Nachbarschaft? Antworten und Beispiele."),
    ]
    for slug, title, days, code, description in upcoming:
        day = today + dt.timedelta(days=days)
        workshop(slug, {"title": title, "kind": Workshop.Kind.NEIGHBOURHOOD, "measure": measures[code],
                        "starts_at": _local(day, 18), "ends_at": _local(day, 20, 30), "description": description,
                        **data.WORKSHOP_ATTENDANCE.get(slug, {})})

    if not first.participants.exists():
        rows = [Participant(workshop=first, provider=providers[slug], role=Participant.Role.PARTICIPANT)
                for slug in ("caritas-iserlohn", "diakonie-mark-ruhr", "awo-iserlohn", "paritaetischer-mk",
                             "kreuzbund-iserlohn", "familienzentrum-obere-muehle")]
        rows.append(Participant(workshop=first, institution="Institut FASTRA", role=Participant.Role.MODERATION))
        rows.append(Participant(workshop=first, institution="Stadt Iserlohn, Arbeitsgruppe „Soziale Maßnahmen“",
                                role=Participant.Role.HOST))
        Participant.objects.bulk_create(rows)
        result.add("Teilnehmende", len(rows))
    if not sustainability.participants.exists():
        rows = [Participant(workshop=sustainability, provider=providers[slug]) for slug in data.SUSTAINABILITY_PROVIDERS]
        rows += [Participant(workshop=sustainability, institution=name) for name in data.SUSTAINABILITY_INSTITUTIONS]
        Participant.objects.bulk_create(rows)
        result.add("Teilnehmende", len(rows))
    if not sustainability.results.exists():
        rows = [
            WorkshopResult(workshop=sustainability, title=title, theme=data.SUSTAINABILITY_THEMES[theme],
                           responsible=responsible, traffic_light=light, note=note, order=order)
            for order, (title, theme, responsible, light, note) in enumerate(data.SUSTAINABILITY_RESULTS, start=1)
        ]
        WorkshopResult.objects.bulk_create(rows)
        result.add("Ergebnisse", len(rows))


def _demo_staff_account(result):
    """The demo staff login in the role "Redaktion": a fresh random password on every load,
    printed by the command."""
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_STAFF_USERNAME, defaults={"email": "redaktion@example.org", "is_staff": True}
    )
    result.count("Benutzerkonten", created)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    roles.roles_sync()  # the groups follow migrate; a flushed test database lacks them
    roles.user_assign_role(user=user, role=EDITORS)
    return password


@transaction.atomic
def load_scale(*, providers, measures=0, seed=2011):
    """Adds synthetic providers (five offers each) and measures for benchmarks, in bulk.

    Idempotent: synthetic records carry the ``synth-`` prefix and only missing ones are made.
    """
    rng = random.Random(seed)
    result = DemoResult()
    quarters = list(Quarter.objects.all())
    groups = list(TargetGroup.objects.all())
    fields = list(FieldOfAction.objects.all())
    if not (quarters and groups and fields):
        raise ValueError("Erst das Demo-Programm laden: Quartiere, Zielgruppen und Handlungsfelder fehlen.")

    existing = set(Provider.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", flat=True))
    wanted = [f"{SYNTHETIC_PREFIX}anbieter-{n:05d}" for n in range(1, providers + 1)]
    kinds = [choice for choice, _label in Provider.Kind.choices]
    new_providers = [
        Provider(slug=slug, name=f"Anbieter {slug[-5:]} (synthetisch)", kind=rng.choice(kinds), city="Iserlohn",
                 description="Synthetischer Eintrag für Lasttests.", step_free=rng.random() < 0.6,
                 location=point(7.69 + rng.uniform(-0.04, 0.04), 51.37 + rng.uniform(-0.03, 0.03)))
        for slug in wanted if slug not in existing
    ]
    Provider.objects.bulk_create(new_providers, batch_size=1000)
    result.add("Anbieter", len(new_providers))

    # The new providers are the synthetic ones without offers (no long IN lists).
    created = list(Provider.objects.filter(slug__startswith=SYNTHETIC_PREFIX, offers__isnull=True).only("pk"))
    types = list(ServiceType.objects.filter(parent__isnull=False))
    costs = [choice for choice, _label in Offer.Cost.choices]
    offers = []
    for provider in created:
        for n in range(1, 6):
            service_type = rng.choice(types) if types else None
            ages = rng.choice([(None, None), (None, None), (6, 12), (12, 21), (18, None), (60, None)])
            offers.append(Offer(
                provider_id=provider.pk, slug=f"angebot-{n}",
                title=f"{service_type.name if service_type else 'Angebot'} {n} von {provider.pk}",
                service_type=service_type, field_of_action_id=rng.choice(fields).pk,
                active=rng.random() > 0.1, paused_until=dt.date(2099, 1, 1) if rng.random() < 0.03 else None,
                cost_kind=rng.choice(costs), age_min=ages[0], age_max=ages[1],
                step_free=rng.random() < 0.5, appointment_required=rng.random() < 0.3,
            ))
    Offer.objects.bulk_create(offers, batch_size=2000)
    result.add("Angebote", len(offers))
    languages = list(Language.objects.all())
    slots, language_links = [], []
    LanguageLink = Offer.languages.through
    fresh = Offer.objects.filter(provider__slug__startswith=SYNTHETIC_PREFIX, slots__isnull=True).values_list("pk", flat=True)
    for offer_id in fresh.iterator(chunk_size=5000):
        for weekday in rng.sample(range(5), rng.randint(1, 3)):
            opens = rng.choice([8, 9, 10, 13, 14, 15])
            slots.append(OpeningSlot(offer_id=offer_id, weekday=weekday, opens=dt.time(opens),
                                     closes=dt.time(opens + rng.choice([2, 3, 4])),
                                     ordinal=rng.choice([None, None, None, None, 1, -1])))
        for language in rng.sample(languages, min(len(languages), rng.randint(1, 2))):
            language_links.append(LanguageLink(offer_id=offer_id, language_id=language.pk))
    OpeningSlot.objects.bulk_create(slots, batch_size=5000)
    LanguageLink.objects.bulk_create(language_links, batch_size=5000, ignore_conflicts=True)
    offer_ids = Offer.objects.filter(
        provider__slug__startswith=SYNTHETIC_PREFIX, target_groups__isnull=True
    ).values_list("pk", flat=True)
    group_links, quarter_links = [], []
    GroupLink, QuarterLink = Offer.target_groups.through, Offer.quarters.through
    for offer_id in offer_ids.iterator(chunk_size=5000):
        for group in rng.sample(groups, rng.randint(1, 3)):
            group_links.append(GroupLink(offer_id=offer_id, targetgroup_id=group.pk))
        for quarter in rng.sample(quarters, rng.randint(1, min(2, len(quarters)))):
            quarter_links.append(QuarterLink(offer_id=offer_id, quarter_id=quarter.pk))
    GroupLink.objects.bulk_create(group_links, batch_size=5000)
    QuarterLink.objects.bulk_create(quarter_links, batch_size=5000)

    if measures:
        existing_codes = set(Measure.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", flat=True))
        statuses = [choice for choice, _label in Measure.Status.choices]
        new_measures = [
            Measure(code=f"S{n}", slug=f"{SYNTHETIC_PREFIX}massnahme-{n}", title=f"Synthetische Maßnahme {n}",
                    summary="Synthetische Maßnahme für Lasttests.", status=rng.choice(statuses),
                    progress=rng.randint(0, 100), start_date=dt.date(2024, 1, 1), end_date=dt.date(2027, 12, 31),
                    lead="Stadtverwaltung")
            for n in range(1, measures + 1)
            if f"{SYNTHETIC_PREFIX}massnahme-{n}" not in existing_codes
        ]
        Measure.objects.bulk_create(new_measures, batch_size=1000)
        result.add("Maßnahmen", len(new_measures))
        made = Measure.objects.filter(slug__startswith=SYNTHETIC_PREFIX, fields_of_action__isnull=True)
        goals = list(Goal.objects.all())
        programmes = list(FundingProgramme.objects.all())
        goal_links, field_links, lines = [], [], []
        for measure in made:
            if goals:
                goal_links.append(Measure.goals.through(measure_id=measure.pk, goal_id=rng.choice(goals).pk))
            field_links.append(Measure.fields_of_action.through(measure_id=measure.pk,
                                                                fieldofaction_id=rng.choice(fields).pk))
            if programmes:
                lines.append(FundingLine(measure=measure, programme=rng.choice(programmes),
                                         amount=Decimal(rng.randint(5, 500) * 1000), year=2025))
        Measure.goals.through.objects.bulk_create(goal_links)
        Measure.fields_of_action.through.objects.bulk_create(field_links)
        FundingLine.objects.bulk_create(lines)
    return result
