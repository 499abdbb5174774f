from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletAdminWidget, LeafletGeoAdminMixin

# The map tools of the admin (Leaflet.draw) in German. django-leaflet's admin widget leaves
# them in English (its translations only apply with its "forms" plugin template), so
# the widget template ``common/widgets/leaflet_admin.html`` hands these to Leaflet.draw.
DRAW_STRINGS = {
    "Control-ResetView-TITLE": _("Ansicht zurücksetzen"),
    "draw-toolbar-actions-title": _("Zeichnen abbrechen"),
    "draw-toolbar-actions-text": _("Abbrechen"),
    "draw-toolbar-undo-title": _("Letzten Punkt löschen"),
    "draw-toolbar-undo-text": _("Letzten Punkt löschen"),
    "draw-toolbar-buttons-polyline": _("Linie zeichnen"),
    "draw-toolbar-buttons-polygon": _("Fläche zeichnen"),
    "draw-toolbar-buttons-rectangle": _("Rechteck zeichnen"),
    "draw-toolbar-buttons-circle": _("Kreis zeichnen"),
    "draw-toolbar-buttons-marker": _("Markierung setzen"),
    "draw-handlers-circle-tooltip-start": _("Klicken und ziehen, um einen Kreis zu zeichnen."),
    "draw-handlers-marker-tooltip-start": _("In die Karte klicken, um die Markierung zu setzen."),
    "draw-handlers-polygon-tooltip-start": _("Klicken, um die Fläche zu beginnen."),
    "draw-handlers-polygon-tooltip-cont": _("Klicken, um die Fläche fortzusetzen."),
    "draw-handlers-polygon-tooltip-end": _("Den ersten Punkt anklicken, um die Fläche zu schließen."),
    "draw-handlers-polyline-error": _("<strong>Fehler:</strong> Die Ränder dürfen sich nicht kreuzen."),
    "draw-handlers-polyline-tooltip-start": _("Klicken, um die Linie zu beginnen."),
    "draw-handlers-polyline-tooltip-cont": _("Klicken, um die Linie fortzusetzen."),
    "draw-handlers-polyline-tooltip-end": _("Den letzten Punkt anklicken, um die Linie zu beenden."),
    "draw-handlers-rectangle-tooltip-start": _("Klicken und ziehen, um ein Rechteck zu zeichnen."),
    "draw-handlers-simpleshape-tooltip-end": _("Maustaste loslassen, um das Zeichnen zu beenden."),
    "edit-toolbar-actions-save-title": _("Änderungen übernehmen"),
    "edit-toolbar-actions-save-text": _("Übernehmen"),
    "edit-toolbar-actions-cancel-title": _("Bearbeiten abbrechen, alle Änderungen verwerfen"),
    "edit-toolbar-actions-cancel-text": _("Abbrechen"),
    "edit-toolbar-buttons-edit": _("Formen bearbeiten"),
    "edit-toolbar-buttons-editDisabled": _("Keine Formen zum Bearbeiten"),
    "edit-toolbar-buttons-remove": _("Formen löschen"),
    "edit-toolbar-buttons-removeDisabled": _("Keine Formen zum Löschen"),
    "edit-handlers-edit-tooltip-text": _("Griffe oder Markierung ziehen, um die Form zu ändern."),
    "edit-handlers-edit-tooltip-subtext": _("„Abbrechen“ macht die Änderungen rückgängig."),
    "edit-handlers-remove-tooltip-text": _("Eine Form anklicken, um sie zu löschen."),
}


class GeoJSONAdminWidget(LeafletAdminWidget):
    """django-leaflet's admin map for our GeoJSON fields.

    An empty GeoJSON field reaches the widget as the JSON text ``"null"``, which
    GeoDjango's widget cannot parse and logs as an error on every form without a
    location; here it is simply an empty map.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None if value == "null" else value, attrs)
        context["draw_strings"] = [(key, str(text)) for key, text in DRAW_STRINGS.items()]
        return context


class MapAdminMixin(LeafletGeoAdminMixin):
    """Points and boundaries are drawn on a map (django-leaflet)."""

    widget = GeoJSONAdminWidget
    map_template = "common/widgets/leaflet_admin.html"
