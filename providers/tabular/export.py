"""Export of providers with their offers: one row per offer, the provider's columns
repeated; a provider without offers has one row with empty offer columns."""

from django.utils.translation import gettext as _

from providers.models import Provider
from sozialraum.common.tabular import format_date, format_decimal

from .columns import HEADERS, OFFER_COLUMNS


def providers_for_export():
    return (
        Provider.objects.order_by("name", "pk")
        .prefetch_related("offers__target_groups", "offers__quarters", "offers__field_of_action")
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


def offer_row(offer):
    if offer is None:
        return [""] * len(OFFER_COLUMNS)
    return [
        offer.slug,
        offer.title,
        offer.description,
        "; ".join(sorted(group.name for group in offer.target_groups.all())),
        "; ".join(sorted(quarter.name for quarter in offer.quarters.all())),
        offer.field_of_action.name if offer.field_of_action else "",
        offer.place,
        offer.opening_hours,
        offer.cost,
        _("ja") if offer.active else _("nein"),
    ]


def export_rows(providers=None):
    """Header and one row per offer (or per provider without offers)."""
    rows = [HEADERS]
    for provider in providers if providers is not None else providers_for_export():
        offers = sorted(provider.offers.all(), key=lambda offer: (offer.title, offer.slug))
        for offer in offers or [None]:
            rows.append(provider_row(provider) + offer_row(offer))
    return rows


def template_rows():
    """The empty import template: the header and one example row."""
    return [HEADERS]
