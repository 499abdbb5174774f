"""CSV export of the workshops (Werkstätten), one row per workshop."""

from django.utils import timezone

from sozialraum.common.tabular import render_csv

from .models import Workshop

HEADERS = [
    "Kennung",
    "Titel",
    "Art",
    "Reihe",
    "Beginn",
    "Ende",
    "Veranstaltungsort",
    "Adresse",
    "Quartier",
    "Maßnahme",
    "Teilnehmende Institutionen",
    "Ergebnisse",
    "öffentlich sichtbar",
]


def workshops_for_export():
    return (
        Workshop.objects.order_by("starts_at", "pk")
        .select_related("series", "quarter", "measure")
        .prefetch_related("participants__provider", "results")
    )


def _local(value):
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def export_rows(workshops=None):
    rows = [HEADERS]
    for workshop in workshops if workshops is not None else workshops_for_export():
        rows.append(
            [
                workshop.slug,
                workshop.title,
                workshop.get_kind_display(),
                workshop.series.title if workshop.series else "",
                _local(workshop.starts_at),
                _local(workshop.ends_at),
                workshop.venue,
                workshop.address,
                workshop.quarter.name if workshop.quarter else "",
                str(workshop.measure) if workshop.measure else "",
                "; ".join(participant.name for participant in workshop.participants.all()),
                "; ".join(
                    f"{result.title} ({result.get_traffic_light_display()})" if result.traffic_light else result.title
                    for result in workshop.results.all()
                ),
                "ja" if workshop.published else "nein",
            ]
        )
    return rows


def export_csv() -> tuple[str, bytes]:
    """(file name, content) of the CSV export."""
    return f"werkstaetten-{timezone.localdate():%Y-%m-%d}.csv", render_csv(export_rows())


REGISTRATION_HEADERS = [
    "Werkstatt",
    "Beginn",
    "Status",
    "Name",
    "E-Mail-Adresse",
    "Personen",
    "angemeldet am",
    "nachgerückt am",
]


def registration_rows(registrations):
    """The staff list of registrations as table rows (header first)."""
    rows = [REGISTRATION_HEADERS]
    for registration in registrations:
        rows.append(
            [
                registration.workshop.title,
                _local(registration.workshop.starts_at),
                registration.get_status_display(),
                registration.name,
                registration.email,
                registration.people,
                _local(registration.created_at),
                _local(registration.promoted_at),
            ]
        )
    return rows


def registrations_csv(registrations) -> tuple[str, bytes]:
    """(file name, content) of the registrations' CSV export; formula cells neutralised."""
    return f"anmeldungen-{timezone.localdate():%Y-%m-%d}.csv", render_csv(registration_rows(registrations))
