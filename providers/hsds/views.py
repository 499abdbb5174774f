"""Public, read-only HSDS 3.0 API over the provider catalogue (the Open Referral paths).

Only active offers are public. Errors answer with JSON and a German message:
bad query parameters → 400, unknown ids or pages → 404.
"""

import math

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from providers.hsds import records

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500


class BadParameter(Exception):
    pass


def _json(data, status=200):
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public open data; no cookies are honoured cross-site
    return response


def _error(status, message):
    return _json({"status": status, "message": message}, status=status)


def _not_found(message):
    return _error(404, message)


def _base_url(request):
    return request.build_absolute_uri("/")


def _positive_int(request, name, default, maximum=None):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1 or (maximum is not None and value > maximum):
        if maximum is None:
            message = _("„%(name)s“ muss eine ganze Zahl ab 1 sein.") % {"name": name}
        else:
            message = _("„%(name)s“ muss eine ganze Zahl von 1 bis %(max)d sein.") % {"name": name, "max": maximum}
        raise BadParameter(message)
    return value


def _boolean(request, name):
    raw = request.GET.get(name, "").strip().lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise BadParameter(_("„%(name)s“ muss „true“ oder „false“ sein.") % {"name": name})


def _datetime(request, name):
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None:
        raise BadParameter(
            _("„%(name)s“ muss ein Zeitpunkt nach ISO 8601 sein, z. B. 2026-01-31T12:00:00Z.") % {"name": name}
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _paging(request):
    return _positive_int(request, "page", 1), _positive_int(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)


class PageNotFound(Exception):
    pass


def _page(total, page_number, per_page):
    """The HSDS page fields; a page past the last one (with results) is not found."""
    total_pages = max(1, math.ceil(total / per_page))
    if page_number > total_pages:
        raise PageNotFound(
            _("Seite %(page)d gibt es nicht; es gibt %(pages)d Seite(n).") % {"page": page_number, "pages": total_pages}
        )
    offset = (page_number - 1) * per_page
    return offset, {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": 0,
        "first_page": page_number == 1,
        "last_page": page_number == total_pages,
        "empty": total == 0,
    }


def _paginated(request, items_or_queryset, serialise):
    """A page in the HSDS shape; a queryset costs one COUNT plus the page's own queries."""
    page_number, per_page = _paging(request)
    if isinstance(items_or_queryset, list):
        total = len(items_or_queryset)
    else:
        total = items_or_queryset.count()
    offset, page = _page(total, page_number, per_page)
    contents = [serialise(item) for item in items_or_queryset[offset : offset + per_page]]
    page["size"] = len(contents)
    page["contents"] = contents
    return page


def _answer(build):
    """Runs a view body and turns bad parameters and unknown pages into JSON errors."""
    try:
        return build()
    except BadParameter as error:
        return _error(400, str(error))
    except PageNotFound as error:
        return _not_found(str(error))


@require_GET
def api_info(request):
    return _json(
        {
            "version": records.HSDS_VERSION,
            "name": settings.PORTAL_NAME,
            "publisher": settings.PORTAL_CITY,
            "services": request.build_absolute_uri(reverse("hsds:service-list")),
            "organizations": request.build_absolute_uri(reverse("hsds:organization-list")),
            "taxonomies": request.build_absolute_uri(reverse("hsds:taxonomy-list")),
            "taxonomy_terms": request.build_absolute_uri(reverse("hsds:taxonomy-term-list")),
        }
    )


@require_GET
def service_list(request):
    def build():
        full = _boolean(request, "full")
        offers = records.filter_offers(
            records.offer_queryset(),
            search=request.GET.get("search", "").strip(),
            organization_id=request.GET.get("organization_id") or None,
            taxonomy_term_id=request.GET.get("taxonomy_term_id") or None,
            taxonomy_id=request.GET.get("taxonomy_id") or None,
            modified_after=_datetime(request, "modified_after"),
        )
        serialise = records.service_full if full else records.service_record
        base_url = _base_url(request)
        return _json(_paginated(request, offers, lambda offer: serialise(offer, base_url=base_url)))

    return _answer(build)


@require_GET
def service_detail(request, id):
    offer = records.offer_by_id(id)
    if offer is None:
        return _not_found(_("Ein Angebot mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(records.service_full(offer, base_url=_base_url(request)))


@require_GET
def organization_list(request):
    def build():
        full = _boolean(request, "full")
        providers = records.provider_queryset()
        search = request.GET.get("search", "").strip()
        if search:
            providers = providers.filter(name__icontains=search)
        serialise = records.organization_full if full else records.organization_record
        base_url = _base_url(request)
        return _json(_paginated(request, providers, lambda provider: serialise(provider, base_url=base_url)))

    return _answer(build)


@require_GET
def organization_detail(request, id):
    provider = records.provider_by_id(id)
    if provider is None:
        return _not_found(_("Einen Anbieter mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(records.organization_full(provider, base_url=_base_url(request)))


@require_GET
def taxonomy_list(request):
    return _answer(lambda: _json(_paginated(request, [t.as_hsds() for t in records.TAXONOMIES], lambda item: item)))


@require_GET
def taxonomy_detail(request, id):
    taxonomy = records.taxonomy_by_id(id)
    if taxonomy is None:
        return _not_found(_("Eine Taxonomie mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(taxonomy.as_hsds())


@require_GET
def taxonomy_term_list(request):
    def build():
        taxonomy = None
        if request.GET.get("taxonomy_id"):
            taxonomy = records.taxonomy_by_id(request.GET["taxonomy_id"])
            if taxonomy is None:
                return _json(_paginated(request, [], lambda item: item))
        terms = records.taxonomy_terms(taxonomy=taxonomy)
        return _json(_paginated(request, terms, lambda item: item))

    return _answer(build)


@require_GET
def taxonomy_term_detail(request, id):
    taxonomy, pk = records.term_lookup(id)
    obj = records._term_queryset(taxonomy).filter(pk=pk).first() if taxonomy else None
    if obj is None:
        return _not_found(_("Einen Taxonomie-Begriff mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(records.taxonomy_term(taxonomy, obj))
