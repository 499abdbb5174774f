"""Offers near a point: distances on the sphere, without a spatial database.

Places are GeoJSON points in JSON fields (the offer's own, else its provider's). A box
around the point narrows the candidates in SQL (the JSON coordinates compare as numbers on
SQLite and PostgreSQL); the exact distance (haversine) is computed in Python over the
candidates' ``(pk, coordinates)`` rows, read in one query.
"""

import json
import math
from dataclasses import dataclass

from django.db.models import Q

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


def coordinates(location):
    """(lon, lat) of a GeoJSON point (a dict or its JSON text), or None."""
    if isinstance(location, str):
        try:
            location = json.loads(location)
        except ValueError:
            return None
    if not isinstance(location, dict) or location.get("type") != "Point":
        return None
    try:
        lon, lat = (float(value) for value in location["coordinates"][:2])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def distance_m(point, lon, lat):
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(point.lat), math.radians(lat)
    dphi, dlambda = phi2 - phi1, math.radians(lon - point.lon)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def box_condition(point, radius_m):
    """Q on Offer: its place (own, else the provider's) lies in a box around the circle."""
    dlat = radius_m / METRES_PER_DEGREE
    dlon = radius_m / (METRES_PER_DEGREE * max(math.cos(math.radians(point.lat)), 0.01))

    def inside(field):
        return Q(
            **{
                f"{field}__type": "Point",
                f"{field}__coordinates__0__gte": point.lon - dlon,
                f"{field}__coordinates__0__lte": point.lon + dlon,
                f"{field}__coordinates__1__gte": point.lat - dlat,
                f"{field}__coordinates__1__lte": point.lat + dlat,
            }
        )

    return inside("location") | (Q(location__isnull=True) & inside("provider__location"))


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def rank_by_distance(queryset, point, radius_m):
    """[(pk, metres)] of the offers within ``radius_m``, nearest first (one query).

    The database hands over the coordinates themselves (JSON key transforms), not the
    GeoJSON documents, so that tens of thousands of candidates need no JSON decoding.
    """
    rows = queryset.filter(box_condition(point, radius_m)).values_list(
        "pk",
        "location__coordinates__0",
        "location__coordinates__1",
        "provider__location__coordinates__0",
        "provider__location__coordinates__1",
    )
    ranked = []
    for pk, *values in rows:
        lon, lat, provider_lon, provider_lat = (_number(value) for value in values)
        if lon is None or lat is None:
            lon, lat = provider_lon, provider_lat
        if lon is None or lat is None:
            continue
        metres = distance_m(point, lon, lat)
        if metres <= radius_m:
            ranked.append((pk, metres))
    ranked.sort(key=lambda item: (item[1], item[0]))
    return ranked


def format_distance(metres):
    """„350 m“ (to ten metres), „1,2 km“ (German decimal comma)."""
    if metres < 995:
        return f"{max(10, round(metres / 10) * 10)} m"
    return f"{metres / 1000:.1f} km".replace(".", ",")
