"""A readable field-by-field diff on the admin history pages (django-simple-history).

Each history entry lists the changed fields with their German names, old → new value,
choices by their label, yes/no for flags, dates the German way, and leaves out the
bookkeeping fields (version, timestamps).
"""

import datetime as dt

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

HIDDEN_HISTORY_FIELDS = {"version", "created_at", "updated_at"}


def readable_value(field, value):
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, list):
        return ", ".join(sorted(str(item) for item in value)) or "–"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("ja") if value else _("nein")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dict) and value.get("type") == "Point":
        longitude, latitude = value.get("coordinates", [None, None])
        return _("Breite %(lat)s, Länge %(lon)s") % {"lat": latitude, "lon": longitude}
    return str(value)


class ReadableHistoryContextHelper(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if change.field not in HIDDEN_HISTORY_FIELDS]
        delta = type(delta)(changes=changes, changed_fields=[c.field for c in changes],
                            old_record=delta.old_record, new_record=delta.new_record)
        return super().context_for_delta_changes(delta)

    def prepare_delta_change_value(self, change, value):
        prepared = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), prepared)


class ReadableHistoryMixin:
    """Use on a ``SimpleHistoryAdmin``: the history page shows a readable diff."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryContextHelper(self.model, historical_record)
