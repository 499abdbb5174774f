"""The staff page of the network analysis, in the admin's look."""

from django.contrib import admin
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sozialraum.common.decorators import staff_permission_required
from sozialraum.common.filtering import describe_errors

from . import drawing, selectors
from .forms import NetworkFilterForm

#: the page names this many pairs of providers that never meet; the count says how many there are
UNMET_PAIRS_SHOWN = 60


@require_GET
@staff_permission_required("network.view_cooperation")
def network_page(request):
    form = NetworkFilterForm(request.GET or None)
    context = {**admin.site.each_context(request), "title": _("Netzwerk der Akteure"), "form": form}
    if form.is_bound and not form.is_valid():
        describe_errors(form)
        return render(request, "network/network_detail.html", {**context, "network": None}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    facts = selectors.network_facts()
    network = selectors.network_from(
        facts,
        quarter=filters.get("quartier"),
        field_of_action=filters.get("handlungsfeld"),
        start=filters.get("von"),
        end=filters.get("bis"),
    )
    unmet = None
    if filters.get("zielgruppe"):
        unmet = selectors.unmet_providers(facts, quarter=filters["quartier"], target_group=filters["zielgruppe"])
    context.update(
        network=network,
        picture=mark_safe(drawing.network_svg(network)),  # noqa: S308 (escaped SVG)
        alt_text=drawing.alt_text(network),
        filtered=any(filters.get(name) for name in ("quartier", "handlungsfeld", "von", "bis")),
        filters=filters,
        unmet=unmet,
        unmet_pairs=unmet.pairs[:UNMET_PAIRS_SHOWN] if unmet else [],
    )
    return render(request, "network/network_detail.html", context)
