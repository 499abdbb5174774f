"""Geometry without a spatial database: GeoJSON in plain JSON fields, shapely for the maths."""

from shapely.geometry import shape


def quarters_containing(point, quarters):
    """The quarters whose boundary contains ``point`` (a GeoJSON Point dict).

    ``quarters`` is an iterable of Quarter instances (already loaded: no queries here).
    """
    if not point:
        return []
    location = shape(point)
    return [q for q in quarters if q.boundary and shape(q.boundary).covers(location)]


def quarter_for_point(point, quarters):
    """The first quarter containing ``point``, or None."""
    found = quarters_containing(point, quarters)
    return found[0] if found else None


def point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}
