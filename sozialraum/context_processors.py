from django.conf import settings


def portal(request):
    """Names and map settings every template may use."""
    return {
        "PORTAL_CITY": settings.PORTAL_CITY,
        "PORTAL_NAME": settings.PORTAL_NAME,
        "MAP_TILES_URL": settings.MAP_TILES_URL,
        "MAP_TILES_ATTRIBUTION": settings.MAP_TILES_ATTRIBUTION,
    }
