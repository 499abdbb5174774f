"""Staff pages of the impact monitoring: the programme dashboard and the balance (Bilanz)."""

from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from measures import impact
from sozialraum.common.decorators import staff_permission_required

from . import selectors

PERMISSION = "measures.view_effect"


@staff_permission_required(PERMISSION)
@require_GET
def dashboard(request):
    """/verwaltung/wirkung/: goals → measures → effects → indicators, and the balance."""
    balance = selectors.programme_balance()
    context = {
        **admin.site.each_context(request),
        "title": _("Wirkungsmonitoring und Programmbilanz"),
        "impact": balance.impact,
        "balance": balance,
        "status_rule": impact.status_rule(),
        "statuses": impact.Status,
    }
    return render(request, "impact/dashboard.html", context)


@staff_permission_required(PERMISSION)
@require_GET
def balance_pdf(request):
    """/verwaltung/wirkung/bilanz.pdf: the balance as a tagged PDF (rendered now, never cached)."""
    from .report import render_balance_pdf

    pdf = render_balance_pdf(selectors.programme_balance())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="Programmbilanz-{timezone.localdate():%Y-%m-%d}.pdf"'
    response["Content-Length"] = str(len(pdf))
    response["Cache-Control"] = "private, no-store"
    return response
