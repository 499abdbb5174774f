"""CSV export of the measures (Maßnahmen), one row per measure."""

from django.utils import timezone

from sozialraum.common.tabular import format_date, render_csv

from .models import Measure

HEADERS = [
    "Nummer",
    "Kennung",
    "Titel",
    "Kurzfassung",
    "Stand",
    "Fortschritt (%)",
    "Beginn",
    "Ende",
    "Federführung",
    "Partner",
    "Ziele",
    "Handlungsfelder",
    "Zielgruppen",
    "Quartiere",
    "Ampel (Verstetigung)",
    "Begründung der Ampel",
    "Förderung gesamt (€)",
    "öffentlich sichtbar",
]


def measures_for_export():
    return Measure.objects.order_by("code").prefetch_related(
        "partners", "goals", "fields_of_action", "target_groups", "quarters", "funding_lines"
    )


def _names(objects, attr="name"):
    return "; ".join(sorted(str(getattr(obj, attr)) for obj in objects))


def _euro(amount):
    return f"{amount:.2f}".replace(".", ",")


def export_rows(measures=None):
    rows = [HEADERS]
    for measure in measures if measures is not None else measures_for_export():
        rows.append(
            [
                measure.code,
                measure.slug,
                measure.title,
                measure.summary,
                measure.get_status_display(),
                measure.progress,
                format_date(measure.start_date),
                format_date(measure.end_date),
                measure.lead,
                _names(measure.partners.all()),
                _names(measure.goals.all(), "title"),
                _names(measure.fields_of_action.all()),
                _names(measure.target_groups.all()),
                _names(measure.quarters.all()),
                measure.get_traffic_light_display(),
                measure.traffic_light_reason,
                _euro(sum((line.amount for line in measure.funding_lines.all()), 0)),
                "ja" if measure.published else "nein",
            ]
        )
    return rows


def export_csv() -> tuple[str, bytes]:
    """(file name, content) of the CSV export."""
    return f"massnahmen-{timezone.localdate():%Y-%m-%d}.csv", render_csv(export_rows())
