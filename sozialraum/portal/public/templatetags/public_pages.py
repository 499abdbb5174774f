from django import template

from sozialraum.common.plain_markup import render_plain_markup

register = template.Library()


@register.filter
def plain_markup(text):
    """Staff text with paragraphs, ``## `` headings and ``- `` lists as safe HTML."""
    return render_plain_markup(text)
