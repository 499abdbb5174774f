from urllib.parse import urlsplit

from django.conf import settings


def portal(request):
    """Names and map settings every template may use."""
    leaflet = getattr(settings, "LEAFLET_CONFIG", {})
    center = leaflet.get("DEFAULT_CENTER", (51.3745, 7.6960))
    return {
        "PORTAL_CITY": settings.PORTAL_CITY,
        "PORTAL_NAME": settings.PORTAL_NAME,
        "MAP_TILES_URL": settings.MAP_TILES_URL,
        "MAP_TILES_ATTRIBUTION": settings.MAP_TILES_ATTRIBUTION,
        # Third-party tiles wait for the visitor's click ("Karte laden").
        "MAP_TILES_ASK": bool(settings.MAP_TILES_URL) and not settings.MAP_TILES_OWN_SERVER,
        "MAP_TILES_HOST": urlsplit(settings.MAP_TILES_URL).netloc.replace("{s}.", ""),
        "MAP_CENTER_LAT": center[0],
        "MAP_CENTER_LNG": center[1],
        "MAP_ZOOM": leaflet.get("DEFAULT_ZOOM", 14),
    }
