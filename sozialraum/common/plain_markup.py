"""Plain text with three conventions, as staff type it into a textarea, rendered as safe HTML.

- a blank line separates paragraphs (a single line break stays a ``<br>``);
- a line that starts with ``## `` is a sub-heading (``<h2>``);
- lines that start with ``- `` form a bulleted list.

Everything is escaped: staff cannot write HTML, and nothing a page shows can run script.
"""

from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe


def _blocks(text):
    block = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            block.append(line.rstrip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def _render_block(lines):
    html = []
    paragraph = []
    items = []

    def flush():
        if paragraph:
            html.append("<p>" + "<br>".join(escape(line.strip()) for line in paragraph) + "</p>")
            paragraph.clear()
        if items:
            html.append("<ul>" + format_html_join("", "<li>{}</li>", ((item,) for item in items)) + "</ul>")
            items.clear()

    for line in lines:
        stripped = line.strip()
        if stripped.startswith("## "):
            flush()
            html.append(f"<h2>{escape(stripped[3:].strip())}</h2>")
        elif stripped.startswith("- "):
            if paragraph:
                flush()
            items.append(stripped[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(stripped)
    flush()
    return "".join(html)


def render_plain_markup(text):
    """The HTML of ``text`` (see the module's conventions); always safe to show."""
    return mark_safe("\n".join(_render_block(block) for block in _blocks(text or "")))  # noqa: S308 (all escaped)


