"""Staff pages of the overlap and gap check, in the admin's look."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from providers.duplicates import provider_duplicate_groups
from providers.models import OverlapReview
from sozialraum.common.decorators import staff_permission_required
from sozialraum.models import Quarter, TargetGroup

from . import selectors, services
from .forms import OverlapCellChoiceForm, OverlapFilterForm, OverlapReviewForm


def _admin_context(request, **context):
    return {**admin.site.each_context(request), **context}


@require_GET
@staff_permission_required("providers.view_overlapreview")
def matrix(request):
    form = OverlapFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = _admin_context(request, title=_("Überschneidungen und Lücken"), form=form, matrix=None)
        return render(request, "providers/overlaps/matrix.html", context, status=400)
    field_of_action = form.cleaned_data.get("field_of_action") if form.is_bound else None
    overlap_matrix = selectors.overlap_matrix(field_of_action=field_of_action)
    gaps = [] if field_of_action else [gap for gap in selectors.gaps() if gap.demand is not None]
    context = _admin_context(
        request,
        title=_("Überschneidungen und Lücken"),
        form=form,
        matrix=overlap_matrix,
        field_of_action=field_of_action,
        ranked_gaps=gaps[:20],
        ranked_gap_count=len(gaps),
    )
    return render(request, "providers/overlaps/matrix.html", context)


@require_GET
@staff_permission_required("providers.view_overlapreview")
def duplicates(request):
    """Providers that are probably entered twice: data hygiene, not an overlap of services."""
    context = _admin_context(
        request, title=_("Mögliche Doppeleinträge"), groups=provider_duplicate_groups()
    )
    return render(request, "providers/overlaps/duplicates.html", context)


def _cell_context(request, *, quarter, target_group, field_of_action, review_form=None):
    overlap_cell = selectors.overlap_cell(quarter=quarter, target_group=target_group, field_of_action=field_of_action)
    can_decide = overlap_cell.is_overlap and request.user.has_perm("providers.add_overlapreview")
    if can_decide and review_form is None:
        decision = OverlapReview.Decision.OPEN if overlap_cell.review else OverlapReview.Decision.DELIBERATE
        review_form = OverlapReviewForm(
            initial={"decision": decision, "field_of_action": field_of_action.slug if field_of_action else ""}
        )
    return _admin_context(
        request,
        title=_("%(target_group)s in %(quarter)s") % {"target_group": target_group.name, "quarter": quarter.name},
        cell=overlap_cell,
        can_decide=can_decide,
        review_form=review_form,
    )


@require_GET
@staff_permission_required("providers.view_overlapreview")
def cell(request, quarter, target_group):
    quarter = get_object_or_404(Quarter, slug=quarter)
    target_group = get_object_or_404(TargetGroup, slug=target_group)
    form = OverlapFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = _admin_context(request, title=_("Überschneidungen und Lücken"), filter_form=form, cell=None)
        return render(request, "providers/overlaps/cell.html", context, status=400)
    field_of_action = form.cleaned_data.get("field_of_action") if form.is_bound else None
    context = _cell_context(request, quarter=quarter, target_group=target_group, field_of_action=field_of_action)
    return render(request, "providers/overlaps/cell.html", context)


@require_POST
@staff_permission_required("providers.add_overlapreview")
def mark(request, quarter, target_group):
    """Mark an overlap as deliberate, or open it again."""
    quarter = get_object_or_404(Quarter, slug=quarter)
    target_group = get_object_or_404(TargetGroup, slug=target_group)
    form = OverlapReviewForm(request.POST)
    if not form.is_valid():
        field_of_action = form.cleaned_data.get("field_of_action")
        if "field_of_action" in form.errors:
            field_of_action = None
        context = _cell_context(
            request, quarter=quarter, target_group=target_group, field_of_action=field_of_action, review_form=form
        )
        return render(request, "providers/overlaps/cell.html", context, status=400)
    field_of_action = form.cleaned_data["field_of_action"]
    action = (
        services.overlap_mark_deliberate
        if form.cleaned_data["decision"] == OverlapReview.Decision.DELIBERATE
        else services.overlap_reopen
    )
    try:
        action(
            quarter=quarter,
            target_group=target_group,
            field_of_action=field_of_action,
            reason=form.cleaned_data["reason"],
            user=request.user,
        )
    except (services.OverlapReviewError, ValidationError) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        form.add_error(None, message)
        context = _cell_context(
            request, quarter=quarter, target_group=target_group, field_of_action=field_of_action, review_form=form
        )
        return render(request, "providers/overlaps/cell.html", context, status=409)
    if form.cleaned_data["decision"] == OverlapReview.Decision.DELIBERATE:
        messages.success(request, _("Die Überschneidung ist als gewollt markiert."))
    else:
        messages.success(request, _("Die Überschneidung ist wieder offen."))
    url = reverse("overlaps:cell", kwargs={"quarter": quarter.slug, "target_group": target_group.slug})
    if field_of_action:
        url += f"?field_of_action={field_of_action.slug}"
    return redirect(url)


@require_GET
@staff_permission_required("providers.add_overlapreview")
def review_start(request):
    """The admin's "add review": choose the cell, then decide on its page. A review is only
    ever written by the review service, with its current providers and the deciding user."""
    form = OverlapCellChoiceForm(request.GET or None)
    if form.is_bound and form.is_valid():
        quarter, target_group = form.cleaned_data["quarter"], form.cleaned_data["target_group"]
        return redirect("overlaps:cell", quarter=quarter.slug, target_group=target_group.slug)
    context = _admin_context(request, title=_("Überschneidung prüfen"), form=form)
    status = 400 if form.is_bound else 200
    return render(request, "providers/overlaps/review_start.html", context, status=status)


MAX_FELLOW_MESSAGES = 5
MAX_NAMED_PROVIDERS = 5


def message_fellow_providers(request, *, offers):
    """After an offer was saved in the admin: name the other providers that serve the same
    target group in the same quarter (a fixed number of queries)."""
    fellows = selectors.fellow_providers(offers=offers)
    for fellow in fellows[:MAX_FELLOW_MESSAGES]:
        names = [provider.name for provider in fellow.providers[:MAX_NAMED_PROVIDERS]]
        rest = len(fellow.providers) - len(names)
        if rest:
            names.append(_("%(count)d weitere") % {"count": rest})
        joined = names[0] if len(names) == 1 else _("%(first)s und %(last)s") % {
            "first": ", ".join(names[:-1]),
            "last": names[-1],
        }
        messages.info(
            request,
            _("Im Quartier %(quarter)s bieten auch %(providers)s Angebote für %(target_group)s an.")
            % {"quarter": fellow.quarter.name, "providers": joined, "target_group": fellow.target_group.name},
        )
    if len(fellows) > MAX_FELLOW_MESSAGES:
        messages.info(
            request,
            _(
                "Dasselbe gilt für %(count)d weitere Kombinationen aus Quartier und Zielgruppe; "
                "siehe „Überschneidungen und Lücken“."
            )
            % {"count": len(fellows) - MAX_FELLOW_MESSAGES},
        )
