"""``{% page_meta %}`` in the head of every page: meta description, Open Graph tags and, on
workshop, provider and offer pages, Schema.org JSON-LD (Event, Organization, Service).

It reads what the view put into the context (the page's record, or ``meta_description``)
and never queries the database itself: the record's relations it uses are those the
detail page loads anyway.
"""

import json

from django import template
from django.conf import settings
from django.template.defaultfilters import truncatewords
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

DESCRIPTION_WORDS = 30

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _list_descriptions():
    return {
        "measures:measure-list": _("Alle Maßnahmen des Programms mit Stand und Fortschritt."),
        "workshops:workshop-list": _("Termine der Werkstätten zum Mitreden und die Ergebnisse vergangener Werkstätten."),
        "offers:offer-list": _("Angebote in Ihrem Quartier finden: Beratung, Treffpunkte, Kurse und Hilfe für Familien, "
                               "Kinder, Jugendliche und Senioren."),
        "providers:provider-list": _("Vereine, Verbände und Einrichtungen mit ihren Angeboten im Programmgebiet."),
        "concept:edition-list": _("Das Gesamtkonzept des Programms als PDF, in jeder vorgestellten Fassung."),
    }


def _short(text):
    text = " ".join(strip_tags(text or "").split())
    return truncatewords(text, DESCRIPTION_WORDS)


def _address(street, postcode, city):
    address = {"@type": "PostalAddress", "addressCountry": "DE"}
    for key, value in (("streetAddress", street), ("postalCode", postcode), ("addressLocality", city)):
        if value:
            address[key] = value
    return address


def _organization(provider, absolute):
    data = {"@type": "Organization", "name": provider.name, "url": absolute(provider.get_absolute_url())}
    if provider.website:
        data["sameAs"] = provider.website
    if provider.email:
        data["email"] = provider.email
    if provider.phone:
        data["telephone"] = provider.phone
    if provider.street or provider.postcode or provider.city:
        data["address"] = _address(provider.street, provider.postcode, provider.city)
    return data


def _event(workshop, absolute):
    place = {"@type": "Place", "name": workshop.venue or (workshop.quarter.name if workshop.quarter else settings.PORTAL_CITY)}
    place["address"] = workshop.address or settings.PORTAL_CITY
    data = {
        "@type": "Event",
        "name": workshop.title,
        "url": absolute(workshop.get_absolute_url()),
        "startDate": timezone.localtime(workshop.starts_at).isoformat(),
        "endDate": timezone.localtime(workshop.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": True,
        "location": place,
        "organizer": {"@type": "GovernmentOrganization", "name": settings.PORTAL_CITY},
        "inLanguage": "de",
    }
    if workshop.description:
        data["description"] = _short(workshop.description)
    return data


def _service(offer, absolute):
    data = {
        "@type": "Service",
        "name": offer.title,
        "url": absolute(offer.get_absolute_url()),
        "provider": _organization(offer.provider, absolute),
        "areaServed": [{"@type": "Place", "name": quarter.name} for quarter in offer.quarters.all()]
        or {"@type": "City", "name": settings.PORTAL_CITY},
    }
    if offer.service_type_id:
        data["serviceType"] = offer.service_type.name
    if offer.description:
        data["description"] = _short(offer.description)
    audience = [group.name for group in offer.target_groups.all()]
    if audience:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audience]
    return data


def _describe(context, url_name):
    """(title, description, JSON-LD or None) of the page."""
    request = context.get("request")

    def absolute(path):
        return request.build_absolute_uri(path) if request else path

    offer = context.get("offer") if url_name == "offers:offer-detail" else None
    workshop = context.get("workshop") if url_name == "workshops:workshop-detail" else None
    provider = context.get("provider") if url_name == "providers:provider-detail" else None
    measure = context.get("measure") if url_name == "measures:measure-detail" else None
    quarter = context.get("quarter") if url_name == "sozialraum:quarter-detail" else None
    programme = context.get("programme") if url_name == "sozialraum:home" else None
    fallback = _("Maßnahmen, Termine und Angebote des Programms „Soziale Stadt“ – %(city)s.") % {
        "city": settings.PORTAL_CITY
    }
    if offer is not None:
        text = offer.description or _("Ein Angebot von %(provider)s.") % {"provider": offer.provider.name}
        return offer.title, _short(text), _service(offer, absolute)
    if workshop is not None:
        when = timezone.localtime(workshop.starts_at).strftime("%d.%m.%Y")
        text = workshop.description or _("Werkstatt am %(date)s.") % {"date": when}
        return workshop.title, _short(text), _event(workshop, absolute)
    if provider is not None:
        text = provider.description or _("%(name)s und seine Angebote.") % {"name": provider.name}
        return provider.name, _short(text), _organization(provider, absolute)
    if measure is not None:
        return str(measure), _short(measure.summary or measure.description) or fallback, None
    if quarter is not None:
        text = quarter.description or _("Quartiersprofil %(name)s: Kennzahlen, Angebote und Maßnahmen.") % {
            "name": quarter.name
        }
        return quarter.name, _short(text), None
    if programme is not None:
        return programme.name, _short(programme.summary) or fallback, None
    description = context.get("meta_description") or _list_descriptions().get(url_name) or fallback
    return str(context.get("meta_title") or settings.PORTAL_NAME), str(description), None


@register.inclusion_tag("public/includes/page_meta.html", takes_context=True)
def page_meta(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    url_name = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
    title, description, structured = _describe(context, url_name)
    if structured is not None:
        structured = {"@context": "https://schema.org", **structured}
        structured = mark_safe(json.dumps(structured, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "description": description,
        "og_title": title,
        "og_url": request.build_absolute_uri(request.path) if request else "",
        "og_locale": "en_GB" if language.startswith("en") else "de_DE",
        "site_name": settings.PORTAL_NAME,
        "structured_data": structured,
    }
