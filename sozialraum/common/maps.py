"""GeoJSON (RFC 7946) for the portal's maps: features with a name, a link and a line of text.

The map script (``static/js/maps.js``) reads these collections from ``json_script`` blocks.
"""

import json


def geometry_of(value):
    """The stored geometry as a dict, or None when it is empty or not GeoJSON."""
    if not value:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, dict) or "type" not in value or "coordinates" not in value:
        return None
    return value


def feature(geometry, *, name, url="", text=""):
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"name": str(name), "url": str(url), "text": str(text)},
    }


def feature_collection(features):
    return {"type": "FeatureCollection", "features": [f for f in features if f["geometry"]]}


def quarter_features(quarters):
    return [
        feature(geometry_of(q.boundary), name=q.name, url=q.get_absolute_url())
        for q in quarters
        if geometry_of(q.boundary)
    ]
