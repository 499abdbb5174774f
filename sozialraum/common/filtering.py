"""A list view driven by a django-filter FilterSet that never fails on bad input.

Unknown filter values, overlong search strings and unknown sort keys make the filter
form invalid: the page is shown with the form's German messages and status 400.
Page numbers that are not numbers or out of range give a 404 (ListView's paginator).

The choices of a filter form (target groups, quarters, service types, languages …) are
rendered once per content version and kept as a fragment (``filter_fragment``, the tag
``{% cached_filter_choices %}`` of ``sozialraum/templatetags/filter_forms.py``): a search
with a new text, which the page cache cannot answer, then neither reads nor renders them
again. The search field itself is rendered each time.
"""

import hashlib
import logging

import django_filters
from django.conf import settings
from django.core.cache import caches
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from sozialraum.common.pagecache import known_content_version
from sozialraum.common.paging import NarrowPaginator
from sozialraum.common.widgets import ContentSelect

logger = logging.getLogger(__name__)


def describe_errors(form):
    """Tie each invalid field to its error list (rendered with the id ``<auto_id>-fehler``)."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs["aria-describedby"] = f"{form[name].auto_id}-fehler"


#: Query parameters that the cached part of a filter form does not show: the search text
#: (rendered outside the fragment) and the page number.
FRAGMENT_IGNORED_PARAMETERS = {"q", "page"}
FRAGMENT_KEY_PREFIX = "filterform:"


def filter_fragment(request, *, valid):
    """Context for ``{% cached_filter_choices %}`` around the choices of a filter form: the
    cache key holds what they show (content version, interface language, page, the chosen
    values). An invalid form (its messages, arbitrary values) gets no key: it is rendered
    afresh and not kept; so does every form while the cache cannot be reached."""
    if not valid:
        return {"filter_fragment_key": None}
    chosen = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in FRAGMENT_IGNORED_PARAMETERS
        for value in values
    )
    digest = hashlib.sha256(repr(chosen).encode()).hexdigest()[:32]
    version = known_content_version()
    if version is None:
        return {"filter_fragment_key": None}
    return {"filter_fragment_key": f"{FRAGMENT_KEY_PREFIX}{version}:{get_language()}:{request.path}:{digest}"}


def cached_fragment(key, render):
    """The HTML ``render()`` gives, kept under ``key`` in the page cache's cache for
    PAGE_CACHE_TIMEOUT seconds (rendered afresh without a key or without the cache)."""
    if not key:
        return render()
    cache = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
    try:
        html = cache.get(key)
    except Exception:
        logger.exception("Der Cache ist nicht erreichbar; das Filterformular wird ohne ihn erzeugt.")
        return render()
    if html is None:
        html = render()
        try:
            cache.set(key, html, getattr(settings, "PAGE_CACHE_TIMEOUT", 60))
        except Exception:
            logger.exception("Der Cache ist nicht erreichbar; das Filterformular wird nicht aufbewahrt.")
    return html


class FilteredListView(ListView):
    filterset_class = None
    paginate_by = 20

    def get_base_queryset(self):
        raise NotImplementedError

    def page_rows(self, ids):
        """The rows of a page by their ids, with what the page shows (a query set), or
        None: then the page is read as a slice of the filtered query set."""
        return None

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        """Filtered query sets are paged by ids (NarrowPaginator) when ``page_rows`` says
        how to load the rows of a page."""
        if isinstance(queryset, QuerySet) and self.page_rows([]) is not None:
            return NarrowPaginator(
                queryset, per_page, rows=self.page_rows, orphans=orphans, allow_empty_first_page=allow_empty_first_page
            )
        return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kwargs)

    def get(self, request, *args, **kwargs):
        self.filterset = self.filterset_class(
            request.GET or None, queryset=self.get_base_queryset(), request=request
        )
        status = 200
        if self.filterset.is_bound and not self.filterset.is_valid():
            self.object_list = self.filterset.queryset.none()
            status = 400
            describe_errors(self.filterset.form)
        else:
            self.object_list = self.filterset.qs
        context = self.get_context_data(filter_invalid=status == 400)
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context.update(filter_fragment(self.request, valid=not kwargs.get("filter_invalid")))
        context["filter_active"] = any(
            value not in (None, "", []) for key, value in self.request.GET.items() if key != "page"
        )
        return context


def slug_choice_filter(label, queryset, *, to_field_name="slug", **kwargs):
    """A public filter that picks one record by its slug (or code) in the query string;
    "alle" when empty. An unknown value makes the filter form invalid (a 400 with a message).
    The options are names in the content language (marked as such on English pages)."""
    kwargs.setdefault("widget", ContentSelect)
    return django_filters.ModelChoiceFilter(
        label=label, queryset=queryset, to_field_name=to_field_name, empty_label=_("alle"), **kwargs
    )
