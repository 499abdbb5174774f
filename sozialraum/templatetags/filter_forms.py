"""``{% cached_filter_choices %}…{% endcached_filter_choices %}``: the choices of a filter
form, kept per content version (``sozialraum.common.filtering.filter_fragment``; the view
puts ``filter_fragment_key`` in the context, without it the part is rendered each time)."""

from django import template
from django.utils.safestring import mark_safe

from sozialraum.common.filtering import cached_fragment

register = template.Library()


class CachedFilterChoicesNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = cached_fragment(context.get("filter_fragment_key"), lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 (rendered by the template, escaped there)


@register.tag
def cached_filter_choices(parser, token):
    nodelist = parser.parse(("endcached_filter_choices",))
    parser.delete_first_token()
    return CachedFilterChoicesNode(nodelist)
