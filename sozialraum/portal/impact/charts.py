"""The time-series chart of an intended effect, as inline SVG drawn from numbers.

The quarter's values (solid line, round markers), the city-wide reference (dashed line,
square markers) and the target (dotted line, labelled): told apart by line style, marker
shape and label, never by colour alone. The same figures stand in a table next to it.
"""

from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from sozialraum.portal.concept.charts import PALETTE, _text, german_number

QUARTER_COLOUR = PALETTE[0]
CITY_COLOUR = "#555555"
TARGET_COLOUR = PALETTE[5]


def effect_chart(item, *, width=560, height=220):
    """SVG for an AssessedEffect with at least one figure; '' otherwise."""
    effect = item.effect
    series, city = item.series, item.city_series
    if not series and not city:
        return ""
    target = effect.target_value
    years = sorted({point.year for point in series + city} | ({effect.target_year} if effect.target_year else set()))
    numbers = [float(point.value) for point in series + city]
    if target is not None:
        numbers.append(float(target))
    if item.assessment.baseline:
        numbers.append(float(item.assessment.baseline.value))
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    left, right, top, bottom = 56, 16, 30, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = years[0], years[-1]
    span = (last - first) or 1

    def x_of(year):
        return left + plot_w * (year - first) / span if last != first else left + plot_w / 2

    def y_of(number):
        return top + plot_h * (high - float(number)) / (high - low)

    unit = effect.indicator.unit if effect.indicator else ""
    title = _("Diagramm: %(indicator)s in %(quarter)s im Zeitverlauf") % {
        "indicator": effect.indicator.name if effect.indicator else effect.title,
        "quarter": effect.quarter.name if effect.quarter else "",
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label={quoteattr(title)} class="chart">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_('Die Werte stehen in der Tabelle zum Diagramm.'))}</desc>",
    ]
    # Axis: years below, the value range at the left.
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#555"/>')
    for year in years:
        parts.append(_text(x_of(year), top + plot_h + 16, year, size=10))
    for number in (high - pad, low + pad):
        parts.append(_text(left - 6, y_of(number) + 4, german_number(round(number, 2)), size=9, anchor="end"))
    if unit:
        parts.append(_text(left - 6, top - 14, unit, size=9, anchor="end", fill="#555"))
    # Target line.
    if target is not None:
        y = y_of(target)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{TARGET_COLOUR}" '
            f'stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
        label = _("Ziel %(value)s bis %(year)s") % {"value": german_number(target), "year": effect.target_year}
        parts.append(_text(width - right, y - 4, label, size=10, anchor="end", fill="#8a3200"))
    # City-wide reference.
    if city:
        points = " ".join(f"{x_of(p.year):.1f},{y_of(p.value):.1f}" for p in city)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{CITY_COLOUR}" stroke-width="1.5" '
            f'stroke-dasharray="6 4"/>'
        )
        for p in city:
            parts.append(
                f'<rect x="{x_of(p.year) - 3:.1f}" y="{y_of(p.value) - 3:.1f}" width="6" height="6" '
                f'fill="{CITY_COLOUR}"/>'
            )
    # The quarter's values.
    if series:
        points = " ".join(f"{x_of(p.year):.1f},{y_of(p.value):.1f}" for p in series)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{QUARTER_COLOUR}" stroke-width="2.5"/>')
        for p in series:
            parts.append(f'<circle cx="{x_of(p.year):.1f}" cy="{y_of(p.value):.1f}" r="3.5" fill="{QUARTER_COLOUR}"/>')
        latest = series[-1]
        parts.append(_text(x_of(latest.year), y_of(latest.value) - 8, german_number(latest.value), size=10))
    # Legend: line style and marker shape tell the lines apart.
    x = left
    legend = [(QUARTER_COLOUR, "", "circle", effect.quarter.name if effect.quarter else _("Quartier"))]
    if city:
        legend.append((CITY_COLOUR, ' stroke-dasharray="6 4"', "rect", _("Gesamtstadt")))
    for colour, dash, marker, name in legend:
        parts.append(f'<line x1="{x}" y1="10" x2="{x + 22}" y2="10" stroke="{colour}" stroke-width="2"{dash}/>')
        if marker == "circle":
            parts.append(f'<circle cx="{x + 11}" cy="10" r="3.5" fill="{colour}"/>')
        else:
            parts.append(f'<rect x="{x + 8}" y="7" width="6" height="6" fill="{colour}"/>')
        parts.append(_text(x + 28, 14, name, size=10, anchor="start"))
        x += 40 + 7 * len(str(name))
    parts.append("</svg>")
    return "".join(parts)
