"""The staff page of the network analysis, in the admin's look, and its downloads (CSV).

At 2,000 actors with 10,000 connections the page shows the actors 100 at a time, the 100
strongest connections and the first 100 actors without a connection; the downloads hold
all of them. The network itself is worked out once per content version and filter
(``selectors.network_cached``).
"""

from django.contrib import admin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sozialraum.common.decorators import staff_permission_required
from sozialraum.common.filtering import describe_errors
from sozialraum.common.tabular import render_csv

from . import drawing, selectors
from .forms import NetworkFilterForm

#: the page names this many pairs of providers that never meet; the count says how many there are
UNMET_PAIRS_SHOWN = 60
#: actors per page of the table; the strongest connections and the actors without one shown
ACTORS_PER_PAGE = 100
EDGES_SHOWN = 100
ISOLATED_SHOWN = 100

FILTER_NAMES = ("quartier", "handlungsfeld", "zielgruppe", "von", "bis")


def _filter_form(request):
    """The filter, bound only when the address carries a filter (not only a page number)."""
    bound = any(name in request.GET for name in FILTER_NAMES)
    return NetworkFilterForm(request.GET if bound else None)


def _network(filters, facts=None):
    return selectors.network_cached(
        quarter=filters.get("quartier"),
        field_of_action=filters.get("handlungsfeld"),
        start=filters.get("von"),
        end=filters.get("bis"),
        facts=facts,
    )


def strongest_edges(network, count=None):
    """The ``count`` (EDGES_SHOWN) connections that occurred most often."""
    ranked = sorted(network.edges, key=lambda edge: (-edge.weight, edge.first.number, edge.second.number))
    return ranked[: EDGES_SHOWN if count is None else count]


@require_GET
@staff_permission_required("network.view_cooperation")
def network_page(request):
    form = _filter_form(request)
    context = {**admin.site.each_context(request), "title": _("Netzwerk der Akteure"), "form": form}
    if form.is_bound and not form.is_valid():
        describe_errors(form)
        return render(request, "network/network_detail.html", {**context, "network": None}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    facts = selectors.network_facts() if filters.get("zielgruppe") else None
    network = _network(filters, facts)
    unmet = None
    if filters.get("zielgruppe"):
        unmet = selectors.unmet_providers(facts, quarter=filters["quartier"], target_group=filters["zielgruppe"])
    edges = strongest_edges(network)
    context.update(
        network=network,
        actor_page=Paginator(network.actors, ACTORS_PER_PAGE).get_page(request.GET.get("seite")),
        edges_shown=edges,
        isolated_shown=network.isolated[:ISOLATED_SHOWN],
        picture=mark_safe(drawing.network_svg(network)),  # noqa: S308 (escaped SVG)
        alt_text=drawing.alt_text(network),
        filtered=any(filters.get(name) for name in ("quartier", "handlungsfeld", "von", "bis")),
        filters=filters,
        unmet=unmet,
        unmet_pairs=unmet.pairs[:UNMET_PAIRS_SHOWN] if unmet else [],
    )
    return render(request, "network/network_detail.html", context)


def _csv_download(request, kind, rows_of):
    form = _filter_form(request)
    if form.is_bound and not form.is_valid():
        problems = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(
            _("Die Auswahl ist ungültig: %(problems)s") % {"problems": problems},
            status=400, content_type="text/plain; charset=utf-8",
        )  # fmt: skip
    network = _network(form.cleaned_data if form.is_bound else {})
    response = HttpResponse(render_csv(rows_of(network)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="netzwerk-{kind}-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


def _actor_rows(network):
    yield [_("Nr."), _("Akteur"), _("Art"), _("Partner"), _("Betweenness"), _("Quartiere"), _("Handlungsfelder"),
           _("verbindet Quartiere"), _("verbindet Handlungsfelder")]  # fmt: skip
    for actor in network.actors:
        yield [
            actor.number, actor.name, str(actor.kind_label), actor.partner_count,
            f"{actor.betweenness:.3f}".replace(".", ","), ", ".join(sorted(actor.quarters)),
            ", ".join(sorted(actor.fields)), ", ".join(actor.bridged_quarters), ", ".join(actor.bridged_fields),
        ]  # fmt: skip


def _edge_rows(network):
    yield [_("Nr."), _("Akteur"), _("Nr."), _("Akteur"), _("Anzahl"), _("Herkunft und Anzahl"), _("Anlässe")]
    for edge in sorted(network.edges, key=lambda edge: (edge.first.number, edge.second.number)):
        yield [
            edge.first.number, edge.first.name, edge.second.number, edge.second.name, edge.weight,
            "; ".join(f"{label}: {count}" for label, count in edge.sources), "; ".join(edge.occasions),
        ]  # fmt: skip


@require_GET
@staff_permission_required("network.view_cooperation")
def network_actors_csv(request):
    return _csv_download(request, "akteure", _actor_rows)


@require_GET
@staff_permission_required("network.view_cooperation")
def network_edges_csv(request):
    return _csv_download(request, "verbindungen", _edge_rows)
