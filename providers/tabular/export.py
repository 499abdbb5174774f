"""Export of providers with their offers: one row per offer, the provider's columns
repeated; a provider without offers has one row with empty offer columns.

Every cell is written so that the import reads it back to the same values: the opening
slots as ``describe_slots`` describes them, the cost kind and access attributes by their
German labels, the service type and languages by name.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from providers.models import Offer, Provider
from providers.schedules.describe import describe_slots
from sozialraum.common.tabular import format_date, format_decimal

from .columns import HEADERS, OFFER_COLUMNS, access_labels, cost_labels


def providers_for_export():
    """Providers with everything of their offers: 6 queries whatever the size."""
    offers = Offer.objects.select_related("field_of_action", "service_type")
    return (
        Provider.objects.order_by("name", "pk")
        .prefetch_related(
            Prefetch("offers", queryset=offers),
            "offers__target_groups",
            "offers__quarters",
            "offers__languages",
            "offers__slots",
        )
    )


def provider_row(provider):
    coordinates = (provider.location or {}).get("coordinates") or [None, None]
    kind_labels = dict(Provider.Kind.choices)
    return [
        provider.slug,
        provider.name,
        str(kind_labels.get(provider.kind, provider.kind)),
        provider.description,
        provider.contact_person,
        provider.email,
        provider.phone,
        provider.website,
        provider.street,
        provider.postcode,
        provider.city,
        format_decimal(coordinates[1]),
        format_decimal(coordinates[0]),
        provider.accessibility,
        format_date(provider.last_verified),
    ]


def _yes_no(value):
    return _("ja") if value else _("nein")


def offer_row(offer, labels=None):
    """The offer's cells; ``labels`` are ``(cost_labels(), access_labels())`` when a caller has them."""
    if offer is None:
        return [""] * len(OFFER_COLUMNS)
    costs, access = labels or (cost_labels(), access_labels())
    return [
        offer.slug,
        offer.title,
        offer.description,
        "; ".join(sorted(group.name for group in offer.target_groups.all())),
        "; ".join(sorted(quarter.name for quarter in offer.quarters.all())),
        offer.field_of_action.name if offer.field_of_action else "",
        offer.place,
        describe_slots([slot.as_slot() for slot in offer.slots.all()], by_appointment=offer.by_appointment),
        costs.get(offer.cost_kind, ""),
        _yes_no(offer.active),
        offer.service_type.name if offer.service_type else "",
        offer.opening_hours,
        offer.cost,
        ", ".join(sorted(language.name for language in offer.languages.all())),
        ", ".join(label for name, label in access.items() if getattr(offer, name)),
        "" if offer.age_min is None else offer.age_min,
        "" if offer.age_max is None else offer.age_max,
        _yes_no(offer.appointment_required),
        format_date(offer.paused_until),
    ]


def export_rows(providers=None):
    """Header and one row per offer (or per provider without offers)."""
    labels = (cost_labels(), access_labels())
    rows = [HEADERS]
    for provider in providers if providers is not None else providers_for_export():
        offers = sorted(provider.offers.all(), key=lambda offer: (offer.title, offer.slug))
        for offer in offers or [None]:
            rows.append(provider_row(provider) + offer_row(offer, labels))
    return rows


def template_rows():
    """The empty import template: the header and one example row."""
    return [HEADERS]
