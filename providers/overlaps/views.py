"""Staff pages of the overlap and gap check, in the admin's look, and the admin notice
after saving offers.

Parallel offers (the same service type) are the default; ``?regel=alle`` shows all
overlaps (any two providers), optionally narrowed to a field of action.
"""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from providers.duplicates import provider_duplicate_groups
from providers.models import OverlapReview
from sozialraum.common.decorators import staff_permission_required
from sozialraum.models import Quarter, TargetGroup

from . import selectors, services
from .forms import OverlapCellChoiceForm, OverlapFilterForm, OverlapReviewForm
from .selectors import RULE_ALL, RULE_PARALLEL

MATRIX_GAPS_SHOWN = 20


def _admin_context(request, **context):
    return {**admin.site.each_context(request), **context}


@require_GET
@staff_permission_required("providers.view_overlapreview")
def matrix(request):
    form = OverlapFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = _admin_context(
            request, title=_("Überschneidungen und Lücken"), form=form, matrix=None, rule=RULE_PARALLEL
        )
        return render(request, "providers/overlaps/matrix.html", context, status=400)
    field_of_action = form.cleaned_data.get("field_of_action") if form.is_bound else None
    overlap_matrix = selectors.overlap_matrix(rule=form.rule, field_of_action=field_of_action)
    gaps = [] if field_of_action else [gap for gap in selectors.gaps() if gap.demand is not None]
    service_type_gaps = [] if field_of_action else selectors.service_type_gaps()
    context = _admin_context(
        request,
        title=_("Überschneidungen und Lücken"),
        form=form,
        matrix=overlap_matrix,
        rule=form.rule,
        field_of_action=field_of_action,
        ranked_gaps=gaps[:MATRIX_GAPS_SHOWN],
        ranked_gap_count=len(gaps),
        service_type_gaps=service_type_gaps[:MATRIX_GAPS_SHOWN],
        service_type_gap_count=len(service_type_gaps),
    )
    return render(request, "providers/overlaps/matrix.html", context)


@require_GET
@staff_permission_required("providers.view_overlapreview")
def duplicates(request):
    """Providers that are probably entered twice: data hygiene, not an overlap of services."""
    context = _admin_context(request, title=_("Mögliche Doppeleinträge"), groups=provider_duplicate_groups())
    return render(request, "providers/overlaps/duplicates.html", context)


def _cell_title(quarter, target_group):
    return _("%(target_group)s in %(quarter)s") % {"target_group": target_group.name, "quarter": quarter.name}


def _cell_context(request, *, quarter, target_group, field_of_action, review_form=None):
    """The cell in the view of all overlaps (optionally narrowed to a field of action)."""
    overlap_cell = selectors.overlap_cell(quarter=quarter, target_group=target_group, field_of_action=field_of_action)
    can_decide = overlap_cell.is_overlap and request.user.has_perm("providers.add_overlapreview")
    if can_decide and review_form is None:
        decision = OverlapReview.Decision.OPEN if overlap_cell.review else OverlapReview.Decision.DELIBERATE
        review_form = OverlapReviewForm(
            initial={"decision": decision, "field_of_action": field_of_action.slug if field_of_action else ""}
        )
    return _admin_context(
        request,
        title=_cell_title(quarter, target_group),
        rule=RULE_ALL,
        cell=overlap_cell,
        can_decide=can_decide,
        review_form=review_form,
    )


@dataclass(frozen=True)
class _ParallelRow:
    parallel: selectors.ParallelOffer
    form: OverlapReviewForm | None  # None without the permission to decide

    @property
    def anchor(self):
        return f"leistungsart-{self.parallel.service_type.slug}"


def _parallel_cell_context(request, *, quarter, target_group, bound_form=None, bound_service_type=None):
    """The cell by parallel offers; ``bound_form`` is a refused decision on ``bound_service_type``."""
    cell = selectors.parallel_cell(quarter=quarter, target_group=target_group)
    can_decide = request.user.has_perm("providers.add_overlapreview")
    rows, unplaced_errors = [], []
    for item in cell.parallel:
        form = None
        if can_decide:
            auto_id = f"id_{item.service_type.slug}_%s"
            if (
                bound_form is not None
                and bound_service_type is not None
                and bound_service_type.pk == item.service_type.pk
            ):
                form, bound_form = bound_form, None
                form.auto_id = auto_id
            else:
                decision = OverlapReview.Decision.OPEN if item.review else OverlapReview.Decision.DELIBERATE
                form = OverlapReviewForm(
                    initial={"decision": decision, "service_type": item.service_type.slug}, auto_id=auto_id
                )
        rows.append(_ParallelRow(parallel=item, form=form))
    if bound_form is not None:  # the decision's parallel offer is gone: show why at the top
        unplaced_errors = [error for errors in bound_form.errors.values() for error in errors]
    return _admin_context(
        request,
        title=_cell_title(quarter, target_group),
        rule=RULE_PARALLEL,
        cell=cell,
        parallel_rows=rows,
        can_decide=can_decide,
        unplaced_errors=unplaced_errors,
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
    if form.rule == RULE_PARALLEL:
        context = _parallel_cell_context(request, quarter=quarter, target_group=target_group)
    else:
        field_of_action = form.cleaned_data.get("field_of_action")
        context = _cell_context(request, quarter=quarter, target_group=target_group, field_of_action=field_of_action)
    return render(request, "providers/overlaps/cell.html", context)


def _cell_url(*, quarter, target_group, service_type=None, field_of_action=None):
    url = reverse("overlaps:cell", kwargs={"quarter": quarter.slug, "target_group": target_group.slug})
    if service_type is not None:
        return f"{url}#leistungsart-{service_type.slug}"
    if field_of_action is not None:
        return f"{url}?field_of_action={field_of_action.slug}"
    return f"{url}?regel={RULE_ALL}"


def _refused_decision_context(request, *, quarter, target_group, form):
    """The cell page again, with the refused decision's form and its errors."""
    if request.POST.get("service_type"):
        return _parallel_cell_context(
            request,
            quarter=quarter,
            target_group=target_group,
            bound_form=form,
            bound_service_type=form.cleaned_data.get("service_type") if hasattr(form, "cleaned_data") else None,
        )
    field_of_action = None if "field_of_action" in form.errors else form.cleaned_data.get("field_of_action")
    return _cell_context(
        request, quarter=quarter, target_group=target_group, field_of_action=field_of_action, review_form=form
    )


@require_POST
@staff_permission_required("providers.add_overlapreview")
def mark(request, quarter, target_group):
    """Mark a parallel offer (with ``service_type``) or an overlap as deliberate, or open it again."""
    quarter = get_object_or_404(Quarter, slug=quarter)
    target_group = get_object_or_404(TargetGroup, slug=target_group)
    form = OverlapReviewForm(request.POST)
    if not form.is_valid():
        context = _refused_decision_context(request, quarter=quarter, target_group=target_group, form=form)
        return render(request, "providers/overlaps/cell.html", context, status=400)
    service_type = form.cleaned_data["service_type"]
    field_of_action = form.cleaned_data["field_of_action"]
    deliberate = form.cleaned_data["decision"] == OverlapReview.Decision.DELIBERATE
    action = services.overlap_mark_deliberate if deliberate else services.overlap_reopen
    try:
        action(
            quarter=quarter,
            target_group=target_group,
            field_of_action=field_of_action,
            service_type=service_type,
            reason=form.cleaned_data["reason"],
            user=request.user,
        )
    except (services.OverlapReviewError, ValidationError) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        form.add_error(None, message)
        context = _refused_decision_context(request, quarter=quarter, target_group=target_group, form=form)
        return render(request, "providers/overlaps/cell.html", context, status=409)
    if service_type is not None:
        names = {"service_type": service_type.name}
        if deliberate:
            messages.success(request, _("Das Parallelangebot „%(service_type)s“ ist als gewollt markiert.") % names)
        else:
            messages.success(request, _("Das Parallelangebot „%(service_type)s“ ist wieder offen.") % names)
    elif deliberate:
        messages.success(request, _("Die Überschneidung ist als gewollt markiert."))
    else:
        messages.success(request, _("Die Überschneidung ist wieder offen."))
    return redirect(
        _cell_url(
            quarter=quarter, target_group=target_group, service_type=service_type, field_of_action=field_of_action
        )
    )


@staff_permission_required("providers.add_overlapreview")
@require_GET
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


MAX_NAMED_PARALLEL = 5
MAX_NAMED_PROVIDERS = 3


def _names(names, total):
    """„A“, „A und B“, „A, B und 2 weitere“."""
    rest = total - len(names)
    if rest:
        names = [*names, _("%(count)d weitere") % {"count": rest}]
    if len(names) == 1:
        return names[0]
    return _("%(first)s und %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def message_parallel_offers(request, *, offers):
    """After offers were saved in the admin: one message naming the parallel offers they
    belong to (service type, target group, quarter, the other providers), none without
    any. Open parallel offers come first; deliberate ones say so. A fixed number of queries.
    """
    notices = selectors.parallel_offers_of(offers=offers)
    if not notices:
        return
    parts = []
    for notice in notices[:MAX_NAMED_PARALLEL]:
        providers = _names(
            [provider.name for provider in notice.other_providers[:MAX_NAMED_PROVIDERS]], len(notice.other_providers)
        )
        part = _("%(service_type)s für %(target_group)s in %(quarter)s auch bei %(providers)s") % {
            "service_type": notice.service_type.name,
            "target_group": notice.target_group.name,
            "quarter": notice.quarter.name,
            "providers": providers,
        }
        if notice.is_deliberate:
            part += " " + _("(als gewollt markiert)")
        parts.append(part)
    if len(notices) > MAX_NAMED_PARALLEL:
        parts.append(_("%(count)d weitere") % {"count": len(notices) - MAX_NAMED_PARALLEL})
    text = ngettext("Parallelangebot: %(list)s.", "Parallelangebote: %(list)s.", len(notices)) % {
        "list": "; ".join(parts)
    }
    if request.user.has_perm("providers.view_overlapreview"):
        text = format_html(
            '{} <a href="{}">{}</a>', text, reverse("overlaps:matrix"), _("Zu den Überschneidungen und Lücken")
        )
    any_open = any(not notice.is_deliberate for notice in notices)
    (messages.warning if any_open else messages.info)(request, text)
