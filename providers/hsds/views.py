"""Public, read-only HSDS 3.0 API over the provider catalogue (the Open Referral paths).

Only active offers are public. Every answer is JSON, errors as ``{"detail": "<Meldung>"}``:

* 400: a query parameter the operation does not list in ``openapi.py`` (also the HSDS
  parameters ``postcode`` and ``proximity``, which are not offered), a parameter given
  twice, or a bad value (``format`` other than json, ``page`` below 1, ``per_page``
  outside 1–500, …); the message names the parameter;
* 404: unknown ids, a page past the last one, unknown paths under /api/hsds/;
* 405 with ``Allow: GET, HEAD, OPTIONS`` for any other method.

The views are exempt from CSRF: they only read and use no cookies or sessions.
"""

import datetime as dt
import math
import re
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from providers.hsds import openapi, records
from sozialraum.common.search import search as text_search

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(ALLOWED_METHODS)


class BadParameter(Exception):
    pass


class NotFound(Exception):
    pass


def _json(data, status=200):
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public open data; no cookies are honoured cross-site
    return response


def _error(status, message):
    return _json({"detail": message}, status=status)


def _method_not_allowed(request):
    response = _error(405, _("Die Methode %(method)s ist hier nicht erlaubt; die Schnittstelle ist nur lesbar "
                             "(GET, HEAD, OPTIONS).") % {"method": request.method})
    response["Allow"] = ALLOW
    return response


def _options():
    """The answer to OPTIONS, also to a CORS preflight."""
    response = HttpResponse(status=204)
    response["Allow"] = ALLOW
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ALLOW
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
    response["Access-Control-Max-Age"] = "86400"
    return response


def _check_parameters(request, names):
    """Every parameter is one the operation lists, given once; ``format`` is json."""
    for name in request.GET:
        if name in openapi.UNSUPPORTED:
            raise BadParameter(_("„%(name)s“: %(reason)s") % {"name": name, "reason": _(openapi.UNSUPPORTED[name])})
        if name not in names:
            raise BadParameter(
                _("„%(name)s“ ist hier kein Parameter. Erlaubt: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(names) or _("keine")}
            )
        if len(request.GET.getlist(name)) > 1:
            raise BadParameter(_("„%(name)s“ darf nur einmal angegeben werden.") % {"name": name})
    if request.GET.get("format", "json") not in openapi.FORMATS:
        raise BadParameter(_("„format“ kann nur „json“ sein; andere Formate liefert diese Schnittstelle nicht."))


def read_only(view):
    """GET and HEAD run the view, OPTIONS answers with the allowed methods, any other method
    gets 405; no CSRF check, as nothing is written and no cookie is read."""
    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _options()
        if request.method not in ALLOWED_METHODS:
            return _method_not_allowed(request)
        return view(request, *args, **kwargs)

    return wrapper


def api_view(name):
    """An operation of the API (``name``: its URL name and entry in ``openapi.OPERATIONS``):
    read-only, the query string checked against the operation's parameters; bad parameters
    and unknown records become JSON errors."""
    names = openapi.parameter_names(name)

    def decorator(view):
        @read_only
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                _check_parameters(request, names)
                return view(request, *args, **kwargs)
            except BadParameter as error:
                return _error(400, str(error))
            except NotFound as error:
                return _error(404, str(error))

        return wrapper

    return decorator


# --- Parameters --------------------------------------------------------------------------


def _text(request, name):
    """A text parameter; empty counts as not given (other types must have a value)."""
    return request.GET.get(name, "").strip() or None


def _positive_int(request, name, default, maximum=None):
    raw = request.GET.get(name)
    if raw is None:
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
    raw = request.GET.get(name, "false").strip().lower()
    if raw in ("false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise BadParameter(_("„%(name)s“ muss „true“ oder „false“ sein.") % {"name": name})


# Date and time, then optionally seconds, fractions and a zone: 2026-01-31T12:00:00Z, …+01:00.
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?")


def _datetime(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    raw = raw.strip().upper()
    raw = re.sub(r"(:\d{2}(?:\.\d+)?) (\d{2}:?\d{2})$", r"\1+\2", raw)  # an unencoded "+" arrives as a space
    value = None
    if _DATETIME.fullmatch(raw):
        digits = re.sub(r"(\.\d{6})\d+", r"\1", raw)  # Python keeps microseconds
        try:
            value = dt.datetime.fromisoformat(digits)
        except ValueError:
            value = None
    if value is None:
        raise BadParameter(
            _("„%(name)s“ muss ein Zeitpunkt nach ISO 8601 sein, z. B. 2026-01-31T12:00:00Z.") % {"name": name}
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # within a day of year 1 or 9999
        return (dt.datetime.min if value.year == dt.datetime.min.year else dt.datetime.max).replace(tzinfo=dt.UTC)


def _paging(request):
    return (_positive_int(request, "page", 1),
            _positive_int(request, "per_page", openapi.DEFAULT_PER_PAGE, openapi.MAX_PER_PAGE))


def _page(total, page_number, per_page):
    """The HSDS page fields; a page past the last one (with results) is not found."""
    total_pages = max(1, math.ceil(total / per_page))
    if page_number > total_pages:
        raise NotFound(
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


def _base_url(request):
    return request.build_absolute_uri("/")


def _filtered_offers(request, offers):
    return records.filter_offers(
        offers,
        search=_text(request, "search") or "",
        organization_id=_text(request, "organization_id"),
        taxonomy_term_id=_text(request, "taxonomy_term_id"),
        taxonomy_id=_text(request, "taxonomy_id"),
        modified_after=_datetime(request, "modified_after"),
    )


# --- Views --------------------------------------------------------------------------------


@api_view("api-info")
def api_info(request):
    def url(name):
        return request.build_absolute_uri(reverse(name))

    return _json(
        {
            "version": records.HSDS_VERSION,
            "name": settings.PORTAL_NAME,
            "publisher": settings.PORTAL_CITY,
            "openapi_url": url("hsds:openapi"),
            "services": url("hsds:service-list"),
            "organizations": url("hsds:organization-list"),
            "service_at_locations": url("hsds:service-at-location-list"),
            "taxonomies": url("hsds:taxonomy-list"),
            "taxonomy_terms": url("hsds:taxonomy-term-list"),
        }
    )


@read_only
def openapi_document(request):
    """The OpenAPI document of what this API implements (not an HSDS operation itself)."""
    server_url = request.build_absolute_uri(reverse("hsds:api-info")).rstrip("/")
    return _json(openapi.document(server_url))


@api_view("service-list")
def service_list(request):
    full, minimal = _boolean(request, "full"), _boolean(request, "minimal")
    if minimal:  # goes before full
        return _json(_paginated(request, _filtered_offers(request, records.minimal_offer_queryset()),
                                records.service_minimal))
    serialise = records.service_full if full else records.service_record
    base_url = _base_url(request)
    offers = _filtered_offers(request, records.offer_queryset())
    return _json(_paginated(request, offers, lambda offer: serialise(offer, base_url=base_url)))


@api_view("service-detail")
def service_detail(request, id):
    offer = records.offer_by_id(id)
    if offer is None:
        raise NotFound(_("Ein Angebot mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(records.service_full(offer, base_url=_base_url(request)))


@api_view("organization-list")
def organization_list(request):
    full, full_service = _boolean(request, "full"), _boolean(request, "full_service")
    providers = records.provider_queryset(full_services=full_service)
    search = _text(request, "search")
    if search:
        providers = text_search(providers, search, fields=("name",))
    base_url = _base_url(request)
    if full or full_service:
        def serialise(provider):
            return records.organization_full(provider, base_url=base_url, full_services=full_service)
    else:
        def serialise(provider):
            return records.organization_record(provider, base_url=base_url)
    return _json(_paginated(request, providers, serialise))


@api_view("organization-detail")
def organization_detail(request, id):
    full_service = _boolean(request, "full_service")
    provider = records.provider_by_id(id, full_services=full_service)
    if provider is None:
        raise NotFound(_("Einen Anbieter mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(records.organization_full(provider, base_url=_base_url(request), full_services=full_service))


@api_view("taxonomy-list")
def taxonomy_list(request):
    taxonomies = records.search_taxonomies(_text(request, "search") or "")
    return _json(_paginated(request, [taxonomy.as_hsds() for taxonomy in taxonomies], lambda item: item))


@api_view("taxonomy-detail")
def taxonomy_detail(request, id):
    taxonomy = records.taxonomy_by_id(id)
    if taxonomy is None:
        raise NotFound(_("Eine Taxonomie mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(taxonomy.as_hsds())


@api_view("taxonomy-term-list")
def taxonomy_term_list(request):
    top_only = _boolean(request, "top_only")
    taxonomy_id, parent_id = _text(request, "taxonomy_id"), _text(request, "parent_id")
    taxonomy = records.taxonomy_by_id(taxonomy_id) if taxonomy_id else None
    if taxonomy_id and taxonomy is None:
        terms = []
    else:
        terms = records.taxonomy_terms(taxonomy=taxonomy, parent_id=parent_id, top_only=top_only,
                                       search=_text(request, "search") or "")
    return _json(_paginated(request, terms, lambda item: item))


@api_view("taxonomy-term-detail")
def taxonomy_term_detail(request, id):
    taxonomy, pk = records.term_lookup(id)
    obj = records._term_queryset(taxonomy).filter(pk=pk).first() if taxonomy else None
    if obj is None:
        raise NotFound(_("Einen Taxonomie-Begriff mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(records.taxonomy_term(taxonomy, obj))


@api_view("service-at-location-list")
def service_at_location_list(request):
    full = _boolean(request, "full")
    base_url = _base_url(request)
    offers = _filtered_offers(request, records.service_at_location_queryset())
    if full:
        def serialise(offer):
            return records.service_at_location_full(offer, base_url=base_url)
    else:
        serialise = records.service_at_location_record
    return _json(_paginated(request, offers, serialise))


@api_view("service-at-location-detail")
def service_at_location_detail(request, id):
    offer = records.service_at_location_by_id(id)
    if offer is None:
        raise NotFound(_("Ein Angebot an einem Ort mit der Kennung „%(id)s“ gibt es nicht.") % {"id": id})
    return _json(records.service_at_location_full(offer, base_url=_base_url(request)))


@csrf_exempt
def not_found(request, path=""):
    """Any other path under /api/hsds/, whatever the method."""
    return _error(404, _("Den Pfad „%(path)s“ gibt es in dieser Schnittstelle nicht.") % {"path": request.path})
