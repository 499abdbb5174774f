"""An offer as residents read it, for the result list, the offer page and the Wegweiser.

Computed in Python from prefetched rows (``selectors.with_card_data``): no queries here.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from providers.models import Offer

from . import nearby, opening


def at_providers_place(offer):
    """The offer has no place of its own: no place text and no location."""
    return not offer.place and not nearby.coordinates(offer.location)


def access_labels(offer):
    """The offer's access attributes, and the provider's where the offer takes place there."""
    labels = list(offer.access_labels)
    if at_providers_place(offer):
        labels += [label for label in offer.provider.access_labels if label not in labels]
    return [str(label) for label in labels]


def languages_of(offer):
    """The offer's languages, else its provider's (prefetched)."""
    own = list(offer.languages.all())
    return own or list(offer.provider.languages.all())


def age_text(offer):
    if offer.age_min is not None and offer.age_max is not None:
        return _("%(min)s bis %(max)s Jahre") % {"min": offer.age_min, "max": offer.age_max}
    if offer.age_min is not None:
        return _("ab %(min)s Jahren") % {"min": offer.age_min}
    if offer.age_max is not None:
        return _("bis %(max)s Jahre") % {"max": offer.age_max}
    return ""


def cost_text(offer):
    """„kostenlos“, „ermäßigt möglich: 5 €, ermäßigt 2 €“, or the cost text alone."""
    # the label of the choice (get_cost_kind_display builds the choices' dict on every call)
    kind = Offer.Cost(offer.cost_kind).label if offer.cost_kind in Offer.Cost.values else offer.cost_kind
    if kind and offer.cost and offer.cost.strip().lower() != str(kind).lower():
        return f"{kind}: {offer.cost}"
    return str(kind or offer.cost)


def short_day_format():
    """„1.6.2026“ in German, „1 June 2026“ in English."""
    return pgettext("date format: short day", "j.n.Y")


def validity_text(schedule):
    if schedule.valid_from and schedule.valid_until:
        return _("Zeiten gelten vom %(start)s bis %(end)s") % {
            "start": date_format(schedule.valid_from, short_day_format()),
            "end": date_format(schedule.valid_until, short_day_format()),
        }
    if schedule.valid_from:
        return _("Zeiten gelten ab %(start)s") % {"start": date_format(schedule.valid_from, short_day_format())}
    if schedule.valid_until:
        return _("Zeiten gelten bis %(end)s") % {"end": date_format(schedule.valid_until, short_day_format())}
    return ""


@dataclass
class OfferCard:
    offer: Offer
    schedule: opening.Schedule
    times: str
    open_status: str
    is_open: bool
    cost: str
    access: list
    languages: list
    age: str
    place: str
    point: dict | None
    distance: str
    status: str
    paused_until: dt.date | None
    validity: str
    path: str  # the offer page's path, looked up once for the card and the map
    url: str = ""  # absolute address of the offer page (set for the Wegweiser)

    @property
    def provider(self):
        return self.offer.provider


def card(offer, *, now, holidays):
    """The card of an offer at the moment ``now`` (local time); ``holidays``: closed dates."""
    schedule = opening.schedule_of(offer)
    status = schedule.status(now, holidays) if schedule.has_times else ""
    lon_lat = nearby.coordinates(offer.location) or nearby.coordinates(offer.provider.location)
    metres = getattr(offer, "distance_m", None)
    return OfferCard(
        offer=offer,
        schedule=schedule,
        times=schedule.text,
        open_status=status,
        is_open=status.startswith("jetzt geöffnet"),
        cost=cost_text(offer),
        access=access_labels(offer),
        languages=[language.name for language in languages_of(offer)],
        age=age_text(offer),
        place=offer.place or offer.provider.address,
        point={"type": "Point", "coordinates": list(lon_lat)} if lon_lat else None,
        distance=nearby.format_distance(metres) if metres is not None else "",
        status=offer.status_on(now.date()),
        paused_until=offer.paused_until if offer.status_on(now.date()) == Offer.Status.PAUSED else None,
        validity=validity_text(schedule),
        path=offer.get_absolute_url(),
    )


def card_labels():
    """The headings of a card in the interface language, looked up once for a whole list
    rather than for each of its cards."""
    return {
        "distance": _("Entfernung"),
        "times": _("Zeiten"),
        "no_times": _("keine festen Zeiten"),
        "provider_times": _("Zeiten des Anbieters"),
        "appointment": _("Termin nötig"),
        "cost": _("Kosten"),
        "access": _("Zugang"),
        "languages": _("Sprachen"),
        "age": _("Alter"),
        "place": _("Ort"),
    }


def cards(offers, *, now):
    """Cards for a page of offers, with the public holidays looked up once."""
    holidays = opening.holidays_for([now.date(), now.date() + dt.timedelta(days=62)])
    return [card(offer, now=now, holidays=holidays) for offer in offers]
