"""The programme balance (Bilanz) as a tagged PDF, laid out like the concept report."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from sozialraum.models import Programme
from sozialraum.portal.concept.render import PDF_OPTIONS, STYLESHEET, url_fetcher

TEMPLATE = "impact/balance_report.html"


def balance_html(balance):
    """The balance as HTML (German whatever the request's language)."""
    stylesheet = finders.find(STYLESHEET) or str(Path(settings.BASE_DIR) / "static" / STYLESHEET)
    programme = Programme.objects.current()
    with translation.override("de"):
        context = {
            "balance": balance,
            "city": programme.city if programme and programme.city else settings.PORTAL_CITY,
            "programme_name": programme.name if programme else settings.PORTAL_NAME,
            "area_name": programme.area_name if programme and programme.area_name else "",
            "date": timezone.localdate(),
            "stylesheet_url": Path(stylesheet).resolve().as_uri(),
            "portal_name": settings.PORTAL_NAME,
        }
        return render_to_string(TEMPLATE, context)


def render_balance_pdf(balance):
    from weasyprint import HTML

    base_url = (Path(settings.BASE_DIR) / "static").resolve().as_uri() + "/"
    document = HTML(string=balance_html(balance), base_url=base_url, url_fetcher=url_fetcher())
    return document.write_pdf(**PDF_OPTIONS)
