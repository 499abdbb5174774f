"""The network as an inline SVG string, for the staff page and the concept report.

Providers are circles, institutions squares (shape, not colour alone, tells them apart);
each actor carries its number from the table next to the picture, which holds the same
facts. The actors without any link stand in rows below the picture of the linked ones.
"""

import math
from xml.sax.saxutils import escape, quoteattr

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .graph import FORCE_LAYOUT_LIMIT

FONT = "DejaVu Sans, sans-serif"
PROVIDER_FILL = "#0072B2"  # Okabe–Ito blue, white numbers (contrast 5.3:1)
INSTITUTION_FILL = "#E69F00"  # Okabe–Ito orange, black numbers (contrast 9.7:1)
EDGE_STROKE = "#6b6b6b"
RADIUS = 9
ROW_HEIGHT = 26
#: more isolated actors than this are only counted in the picture (the table names them)
ISOLATED_DRAWN = 72
#: above this many linked actors (a circle, see network.graph) nothing is pushed apart
SPREAD_LIMIT = FORCE_LAYOUT_LIMIT


def alt_text(network):
    """A short text alternative: what the picture shows, in figures."""
    actors = len(network.actors)
    return _("Netzwerk der Akteure: %(actors)s, %(edges)s, davon %(isolated)s ohne Verbindung.") % {
        "actors": ngettext("%(count)d Akteur", "%(count)d Akteure", actors) % {"count": actors},
        "edges": ngettext("%(count)d Verbindung", "%(count)d Verbindungen", len(network.edges))
        % {"count": len(network.edges)},
        "isolated": len(network.isolated),
    }


def _node(actor, x, y):
    title = ngettext(
        "Nr. %(number)d: %(name)s, %(count)d Partner", "Nr. %(number)d: %(name)s, %(count)d Partner",
        actor.partner_count,
    ) % {"number": actor.number, "name": actor.name, "count": actor.partner_count}
    if actor.is_provider:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" fill="{PROVIDER_FILL}" stroke="#fff"/>'
        colour = "#fff"
    else:
        size = RADIUS * 1.8
        shape = (
            f'<rect x="{x - size / 2:.1f}" y="{y - size / 2:.1f}" width="{size:.1f}" height="{size:.1f}" '
            f'fill="{INSTITUTION_FILL}" stroke="#fff"/>'
        )
        colour = "#000"
    size = 8 if actor.number < 100 else 6.5
    return (
        f"<g><title>{escape(title)}</title>{shape}"
        f'<text x="{x:.1f}" y="{y + size * 0.35:.1f}" font-family={quoteattr(FONT)} font-size="{size}" '
        f'text-anchor="middle" fill="{colour}">{actor.number}</text></g>'
    )


def _spread(places, *, width, height, margin, distance=2.6 * RADIUS, rounds=60):
    """Push apart actors that the layout put on top of each other (a workshop links all
    its participants alike), deterministically, and keep them inside the picture."""
    if not 2 <= len(places) <= SPREAD_LIMIT:
        return places
    keys = list(places)
    points = np.array([places[key] for key in keys], dtype=float)
    # a fixed, tiny offset per actor, so that two actors on the same spot move apart
    points += np.array([[math.cos(index), math.sin(index)] for index in range(len(keys))]) * 0.01
    order = np.sign(np.arange(len(keys))[:, None] - np.arange(len(keys))[None, :])
    for _round in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        length = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(length, np.inf)
        # two actors on one spot (clipped at the border): the later one moves right
        same = length == 0
        delta[..., 0] = np.where(same, order * 1e-6, delta[..., 0])
        length = np.where(same, 1e-6, length)
        overlap = np.clip(distance - length, 0, None)
        if not overlap.any():
            break
        push = (delta / length[:, :, None] * overlap[:, :, None] / 2).sum(axis=1)
        points += push
        points[:, 0] = points[:, 0].clip(margin, width - margin)
        points[:, 1] = points[:, 1].clip(margin, height - margin)
    return {key: (round(float(x), 1), round(float(y), 1)) for key, (x, y) in zip(keys, points, strict=True)}


def network_svg(network, *, width=640, plot_height=360, title=None):
    """The picture; ``title`` defaults to :func:`alt_text`."""
    title = title or alt_text(network)
    margin = RADIUS + 6
    linked = network.connected
    isolated = network.isolated
    drawn_isolated = isolated if len(isolated) <= ISOLATED_DRAWN else []
    per_row = max(1, int((width - 2 * margin) // ROW_HEIGHT))
    rows = math.ceil(len(drawn_isolated) / per_row)
    top_height = plot_height if linked else 0
    legend_y = top_height + (ROW_HEIGHT if isolated else 0) + rows * ROW_HEIGHT + 14
    height = legend_y + 14

    def position(actor):
        return margin + actor.x * (width - 2 * margin), margin + (1 - actor.y) * (top_height - 2 * margin)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label={quoteattr(title)} class="chart network">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_('Die Akteure und ihre Verbindungen stehen in der Tabelle zum Bild.'))}</desc>",
    ]
    places = _spread({actor.key: position(actor) for actor in linked}, width=width, height=top_height, margin=margin)
    for edge in network.edges:
        (x1, y1), (x2, y2) = places[edge.first.key], places[edge.second.key]
        stroke = min(4.0, 0.8 + 0.6 * (edge.weight - 1))
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{EDGE_STROKE}" '
            f'stroke-width="{stroke:.1f}" stroke-opacity="0.7"/>'
        )
    parts += [_node(actor, *places[actor.key]) for actor in linked]
    if isolated:
        label_y = top_height + ROW_HEIGHT * 0.6
        label = _("ohne Verbindung:")
        if len(isolated) > ISOLATED_DRAWN:
            label = ngettext(
                "%(count)d Akteur ohne Verbindung (siehe Tabelle)",
                "%(count)d Akteure ohne Verbindung (siehe Tabelle)",
                len(isolated),
            ) % {"count": len(isolated)}
        parts.append(
            f'<text x="{margin - RADIUS}" y="{label_y:.1f}" font-family={quoteattr(FONT)} font-size="10" '
            f'fill="#222">{escape(label)}</text>'
        )
        for index, actor in enumerate(drawn_isolated):
            row, column = divmod(index, per_row)
            x = margin + column * ROW_HEIGHT
            y = top_height + ROW_HEIGHT * (row + 1.5)
            parts.append(_node(actor, x, y))
    legend = [
        f'<circle cx="{margin}" cy="{legend_y - 3}" r="5" fill="{PROVIDER_FILL}"/>',
        f'<text x="{margin + 9}" y="{legend_y + 1}" font-family={quoteattr(FONT)} font-size="10" fill="#222">'
        f"{escape(_('Anbieter'))}</text>",
        f'<rect x="{margin + 80}" y="{legend_y - 8}" width="10" height="10" fill="{INSTITUTION_FILL}"/>',
        f'<text x="{margin + 95}" y="{legend_y + 1}" font-family={quoteattr(FONT)} font-size="10" fill="#222">'
        f"{escape(_('Institution'))}</text>",
        f'<text x="{margin + 190}" y="{legend_y + 1}" font-family={quoteattr(FONT)} font-size="10" fill="#222">'
        f"{escape(_('Linienstärke: wie oft sie zusammenkommen'))}</text>",
    ]
    parts += legend
    parts.append("</svg>")
    return "".join(parts)
