"""Paging a large ordered query set in one narrow query.

Django's paginator asks the database twice: the number of all rows (``COUNT(*)``), then the
rows of the page. For a search both statements find every match again, and the second sorts
the matches with all their columns. ``NarrowPaginator`` asks once for the ids of the page
together with the number of all rows (``COUNT(*) OVER ()``), and then loads just those rows
(``rows(ids)``, with whatever the page prefetches).
"""

from django.core.paginator import Paginator
from django.db.models import Count, Window

TOTAL = "_paging_total"


class NarrowPaginator(Paginator):
    """A Paginator over an ordered query set that reads a page's ids and the total in one
    query, then the page's rows through ``rows(ids)`` (in any order; they are put in the
    order of the ids). Falls back to the plain two queries where the total would be wrong
    (``distinct()``) or the page's bounds depend on the total (``orphans``)."""

    def __init__(self, object_list, per_page, *, rows, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def page(self, number):
        first = self._first_guess(number)
        if first is None or self.orphans or self.object_list.query.distinct or "count" in self.__dict__:
            return super().page(number)
        bottom = (first - 1) * self.per_page
        found = list(
            self.object_list.annotate(**{TOTAL: Window(Count("pk"))}).values_list("pk", TOTAL)[
                bottom : bottom + self.per_page
            ]
        )
        if found:
            self.__dict__["count"] = found[0][1]  # the cached property Paginator.count
        number = self.validate_number(first)  # no further query unless the page was empty
        ids = [pk for pk, _total in found]
        by_id = {row.pk: row for row in self.rows(ids)} if ids else {}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)

    @staticmethod
    def _first_guess(number):
        """The page number as a positive int, or None (then Paginator raises the error)."""
        try:
            if isinstance(number, float) and not number.is_integer():
                return None
            number = int(number)
        except (TypeError, ValueError):
            return None
        return number if number >= 1 else None
