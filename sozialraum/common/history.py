"""A readable field-by-field diff on the admin history pages (django-simple-history).

Each history entry lists the changed fields with their German names, old → new value,
choices by their label, yes/no for flags, dates the German way, and leaves out the
bookkeeping fields (version, timestamps).
"""

import datetime as dt
from collections import defaultdict

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.models import ModelChange, ModelDelta
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

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
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            reverse_name = get_m2m_reverse_field_name(field)
            value = [row[reverse_name] if isinstance(row, dict) else row for row in value]
        return readable_value(field, value)


def _m2m_values(records, m2m_fields):
    """{(history_id, field name): [related objects]} with one query per M2M field."""
    values = defaultdict(list)
    if not records:
        return values
    for field in m2m_fields:
        through = getattr(records[0], field.name).model
        reverse_name = get_m2m_reverse_field_name(field)
        rows = (
            through.objects.filter(history__in=[record.pk for record in records])
            .select_related(reverse_name)
            .order_by(reverse_name)
        )
        for row in rows:
            values[(row.history_id, field.name)].append(getattr(row, reverse_name))
    return values


def history_deltas(model, records):
    """Field changes between each record and the next older one on the list (newest first).

    Same result as ``diff_against()``, but with a fixed number of queries for the whole page.
    """
    records = list(records)
    if not records:
        return {}
    history_model = type(records[0])
    m2m_fields = list(getattr(history_model, "_history_m2m_fields", []))
    m2m = _m2m_values(records, m2m_fields)
    fields = [f for f in history_model.tracked_fields if f.editable and f.name not in HIDDEN_HISTORY_FIELDS]
    deltas = {}
    for newer, older in zip(records, records[1:], strict=False):
        changes = []
        for field in fields:
            if getattr(older, field.attname) != getattr(newer, field.attname):
                if isinstance(field, models.ForeignKey):
                    old, new = getattr(older, field.name), getattr(newer, field.name)
                else:
                    old, new = getattr(older, field.attname), getattr(newer, field.attname)
                changes.append(ModelChange(field.name, old, new))
        for field in m2m_fields:
            old = m2m.get((older.pk, field.name), [])
            new = m2m.get((newer.pk, field.name), [])
            if [o.pk for o in old] != [n.pk for n in new]:
                changes.append(ModelChange(field.name, old, new))
        deltas[newer.pk] = ModelDelta(changes, [c.field for c in changes], older, newer)
    return deltas


class ReadableHistoryMixin:
    """Use on a ``SimpleHistoryAdmin``: the history page shows a readable diff, in fixed queries."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        deltas = history_deltas(self.model, records)
        for record in records:
            delta = deltas.get(record.pk)
            if delta is not None:
                helper = self.get_historical_record_context_helper(request, record)
                record.history_delta_changes = helper.context_for_delta_changes(delta)
