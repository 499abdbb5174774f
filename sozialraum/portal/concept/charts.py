"""Charts for the concept report as inline SVG strings, drawn from numbers.

No image files and no network: WeasyPrint draws the SVG itself. Every chart carries a
title and a description for screen readers; the same figures are always printed in a
table next to it, so nothing is told by colour alone.
"""

from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

#: Okabe–Ito palette: distinguishable with colour-vision deficiencies and in greyscale.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = "DejaVu Sans, sans-serif"


def german_number(value, decimal_pos=None):
    """1234.5 → „1.234,5“ (German separators whatever the active language)."""
    if value is None:
        return "–"
    if decimal_pos is None:
        value = Decimal(value)
        decimal_pos = 0 if value == value.to_integral_value() else max(0, -value.normalize().as_tuple().exponent)
    formatted = format(Decimal(value), f",.{decimal_pos}f")
    return formatted.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _text(x, y, content, *, size=11, anchor="middle", weight="normal", rotate=None, fill="#222"):
    transform = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family={quoteattr(FONT)} font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}"{transform}>{escape(str(content))}</text>'
    )


def _shorten(label, length):
    label = str(label)
    return label if len(label) <= length else label[: length - 1] + "…"


def _wrap(label, width, lines):
    """Split a label into at most ``lines`` lines of about ``width`` characters."""
    words = str(label).replace("/", "/ ").split()
    result, current = [], ""
    for word in words:
        candidate = f"{current} {word}".strip() if not current.endswith("/") else current + word
        if current and len(candidate) > width:
            result.append(current)
            current = word
        else:
            current = candidate
    if current:
        result.append(current)
    if len(result) > lines:
        result = result[: lines - 1] + [_shorten(" ".join(result[lines - 1 :]), width)]
    return [_shorten(line, width) for line in result]


def grouped_bar_chart(*, title, groups, series, values, unit="", width=640, height=210):
    """Vertical bars: one group per entry of ``groups``, one bar per entry of ``series``.

    ``values[group index][series index]`` is a number or None (no bar).
    """
    numbers = [float(value) for row in values for value in row if value is not None]
    top = max(numbers + [0.0]) or 1.0
    bottom = min(numbers + [0.0])
    span = (top - bottom) or 1.0
    legend_height = 22 if len(series) > 1 else 0
    rotate = len(groups) > 8
    label_space = 90 if rotate else 44
    left = 60 if rotate else 10
    right, upper = 10, 18 + legend_height
    plot_height = height - upper - label_space
    plot_width = width - left - right

    def y_of(number):
        return upper + plot_height * (top - number) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label={quoteattr(title)} class="chart">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_('Die Werte stehen in der Tabelle zum Diagramm.'))}</desc>",
    ]
    # Legend
    x = left
    if len(series) > 1:
        for index, name in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
            parts.append(_text(x + 16, 14, name, size=11, anchor="start"))
            x += 24 + 8 * len(str(name))
    # Baseline
    zero = y_of(0.0)
    parts.append(
        f'<line x1="{left}" y1="{zero:.1f}" x2="{width - right}" y2="{zero:.1f}" stroke="#555" stroke-width="1"/>'
    )
    group_width = plot_width / max(len(groups), 1)
    bar_width = min(40.0, group_width * 0.8 / max(len(series), 1))
    show_values = bar_width >= 30
    for group_index, group in enumerate(groups):
        group_left = left + group_index * group_width + (group_width - bar_width * len(series)) / 2
        for series_index in range(len(series)):
            value = values[group_index][series_index]
            if value is None:
                continue
            number = float(value)
            y_value = y_of(number)
            y, bar_height = min(y_value, zero), abs(zero - y_value)
            bar_x = group_left + series_index * bar_width
            colour = PALETTE[series_index % len(PALETTE)]
            parts.append(
                f'<rect x="{bar_x:.1f}" y="{y:.1f}" width="{bar_width - 2:.1f}" height="{bar_height:.1f}" '
                f'fill="{colour}"/>'
            )
            if show_values:
                parts.append(_text(bar_x + bar_width / 2 - 1, y - 3, german_number(value), size=8))
        centre = left + group_index * group_width + group_width / 2
        if rotate:
            parts.append(_text(centre, zero + 12, _shorten(group, 24), size=9, anchor="end", rotate=-40))
        else:
            for line_index, line in enumerate(_wrap(group, max(int(group_width / 6), 4), lines=2)):
                parts.append(_text(centre, zero + 14 + 12 * line_index, line, size=10))
    if unit:
        parts.append(_text(width - right, upper - 4, unit, size=10, anchor="end", fill="#555"))
    parts.append("</svg>")
    return "".join(parts)


def indicator_chart(table):
    """Grouped bars for an IndicatorTable: quarters as groups, years as bars."""
    return grouped_bar_chart(
        title=_("Diagramm: %(name)s nach Quartier und Jahr") % {"name": table.name},
        groups=table.quarters,
        series=[str(year) for year in table.years],
        values=table.values,
        unit=table.unit,
    )


def horizontal_bar_chart(*, title, labels, values, suffix="", width=640):
    """One horizontal bar per label, the value printed next to it."""
    row_height = 24
    height = row_height * max(len(labels), 1) + 10
    label_width = 300
    plot_width = width - label_width - 110
    top = max([float(value) for value in values] + [0.0]) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label={quoteattr(title)} class="chart">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_('Die Werte stehen in der Tabelle zum Diagramm.'))}</desc>",
    ]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 5 + index * row_height
        bar = plot_width * float(value) / top
        parts.append(_text(label_width - 8, y + 15, _shorten(label, 46), size=10, anchor="end"))
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{bar:.1f}" height="{row_height - 8}" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>'
        )
        parts.append(_text(label_width + bar + 6, y + 15, german_number(value, 2) + suffix, size=10, anchor="start"))
    parts.append("</svg>")
    return "".join(parts)


def funding_chart(funding_sums):
    return horizontal_bar_chart(
        title=_("Diagramm: Fördermittel je Förderprogramm"),
        labels=[item.programme for item in funding_sums],
        values=[item.amount for item in funding_sums],
        suffix=" €",
    )
