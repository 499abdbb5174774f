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
        "MAP_CENTER_LAT": center[0],
        "MAP_CENTER_LNG": center[1],
        "MAP_ZOOM": leaflet.get("DEFAULT_ZOOM", 14),
    }
