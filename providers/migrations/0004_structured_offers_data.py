"""Fills the structured offer fields from what was there before:

- the taxonomy of service types (Leistungsarten) from ``providers.taxonomy``;
- each offer's service type, suggested from its title and description;
- opening times: the old free texts are parsed into slots; what the parser cannot read
  stays as the note (the staff list "Zeiten prüfen" shows those offers);
- cost kind from the cost text, access attributes from the provider's accessibility text.

Reversing it removes the slots and types and puts the texts back together.
"""

from django.db import migrations

from providers.schedules.parsing import parse_opening_hours
from providers.tabular.cells import parse_access, parse_cost
from providers.taxonomy import SERVICE_TYPE_GROUPS, suggest_service_type


def create_taxonomy(apps):
    ServiceType = apps.get_model("providers", "ServiceType")
    for group_order, group in enumerate(SERVICE_TYPE_GROUPS, start=1):
        parent, _created = ServiceType.objects.update_or_create(
            slug=group.slug, defaults={"name": group.name, "parent": None, "order": group_order * 100}
        )
        for order, spec in enumerate(group.types, start=1):
            ServiceType.objects.update_or_create(
                slug=spec.slug,
                defaults={
                    "name": spec.name,
                    "parent": parent,
                    "synonyms": ", ".join(spec.synonyms),
                    "description": spec.description,
                    "order": group_order * 100 + order,
                },
            )


def convert_offers(apps):
    ServiceType = apps.get_model("providers", "ServiceType")
    Offer = apps.get_model("providers", "Offer")
    OpeningSlot = apps.get_model("providers", "OpeningSlot")
    types = {service_type.slug: service_type for service_type in ServiceType.objects.filter(parent__isnull=False)}
    slots = []
    for offer in Offer.objects.all().iterator():
        slug = suggest_service_type(offer.title, offer.description)
        offer.service_type = types.get(slug)
        offer.cost_kind = parse_cost(offer.cost)
        parsed = parse_opening_hours(offer.opening_hours)
        offer.by_appointment = parsed.by_appointment
        offer.opening_hours = parsed.note
        slots.extend(
            OpeningSlot(offer=offer, weekday=s.weekday, opens=s.opens, closes=s.closes, ordinal=s.ordinal)
            for s in parsed.slots
        )
        offer.save(update_fields=["service_type", "cost_kind", "by_appointment", "opening_hours"])
    OpeningSlot.objects.bulk_create(slots, batch_size=1000)


def convert_providers(apps):
    Provider = apps.get_model("providers", "Provider")
    for provider in Provider.objects.exclude(accessibility="").iterator():
        names = parse_access(provider.accessibility)
        for name in names:
            setattr(provider, name, True)
        if names:
            provider.save(update_fields=names)


def forwards(apps, schema_editor):
    create_taxonomy(apps)
    convert_offers(apps)
    convert_providers(apps)


def backwards(apps, schema_editor):
    """Writes the slots back as text, then removes slots and types."""
    Offer = apps.get_model("providers", "Offer")
    OpeningSlot = apps.get_model("providers", "OpeningSlot")
    ServiceType = apps.get_model("providers", "ServiceType")
    from providers.schedules.describe import describe_slots
    from providers.schedules.parsing import Slot

    for offer in Offer.objects.all().iterator():
        slots = [
            Slot(weekday=s.weekday, opens=s.opens, closes=s.closes, ordinal=s.ordinal)
            for s in OpeningSlot.objects.filter(offer=offer)
        ]
        text = describe_slots(slots, by_appointment=offer.by_appointment)
        offer.opening_hours = ", ".join(part for part in (text, offer.opening_hours) if part)
        offer.save(update_fields=["opening_hours"])
    OpeningSlot.objects.all().delete()
    Offer.objects.update(service_type=None)
    ServiceType.objects.filter(parent__isnull=False).delete()
    ServiceType.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0003_structured_offers"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
