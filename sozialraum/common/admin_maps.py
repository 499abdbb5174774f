from leaflet.admin import LeafletAdminWidget, LeafletGeoAdminMixin


class GeoJSONAdminWidget(LeafletAdminWidget):
    """django-leaflet's admin map for our GeoJSON fields.

    An empty GeoJSON field reaches the widget as the JSON text ``"null"``, which
    GeoDjango's widget cannot parse and logs as an error on every form without a
    location; here it is simply an empty map.
    """

    def get_context(self, name, value, attrs):
        return super().get_context(name, None if value == "null" else value, attrs)


class MapAdminMixin(LeafletGeoAdminMixin):
    """Points and boundaries are drawn on a map (django-leaflet)."""

    widget = GeoJSONAdminWidget
