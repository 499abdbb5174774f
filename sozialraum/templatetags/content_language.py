"""Marks German content on pages in another interface language (WCAG 3.1.2, language of parts).

Titles, descriptions, names of target groups and languages are written in German by staff;
on an English page a screen reader must read them with a German voice:

    <h1{% content_lang %}>{{ measure.title }}</h1>      → <h1 lang="de"> on English pages
    {{ offer.target_groups.all|join:", "|content }}       → <span lang="de">…</span>

On German pages both add nothing.
"""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

#: The language staff write the portal's content in.
CONTENT_LANGUAGE = settings.LANGUAGE_CODE


def _foreign_page():
    return (get_language() or CONTENT_LANGUAGE).split("-")[0] != CONTENT_LANGUAGE


@register.simple_tag
def content_lang():
    """` lang="de"` for an element that holds German content, on a page in another language."""
    return format_html(' lang="{}"', CONTENT_LANGUAGE) if _foreign_page() else ""


@register.filter(is_safe=True)
def content(value):
    """The value in a ``<span lang="de">`` on a page in another language."""
    if value in (None, ""):
        return value
    if _foreign_page():
        return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, value)
    return mark_safe(conditional_escape(value))  # noqa: S308 (escaped right here)
