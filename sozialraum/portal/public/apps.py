from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """What a public body's site must publish: legal pages, the accessibility statement with
    its feedback form, Leichte Sprache and Gebärdensprache, and the files that get it found
    (sitemap, robots.txt, page metadata), plus the error pages."""

    name = "sozialraum.portal.public"
    label = "public"
    verbose_name = _("Pflichtseiten und Barrierefreiheit")
