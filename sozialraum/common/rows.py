"""Reading many narrow rows quickly."""

from django.db import connections


def driver_rows(queryset):
    """The rows of a ``values_list()`` query set as the database driver gives them, without
    Django's per-value converters: what costs most when a page or check reads 10,000s of
    rows. Only for columns whose driver values are usable as they come (numbers, text;
    booleans may be 0/1, and dates and times text, on SQLite)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
