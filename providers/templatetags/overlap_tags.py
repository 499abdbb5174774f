"""Template filters of the overlap pages."""

from django import template

register = template.Library()

# Words that open many target group names and say little in a narrow column head.
_FILLERS = ("Menschen mit ", "Personen mit ", "Menschen in ", "Menschen ohne ")
MAX_WORD = 11


@register.filter
def short_heading(name):
    """A short column head for the overlap matrix: "Menschen mit Migrationshintergrund" →
    "Migration.", "Alleinerziehende" → "Alleinerz.". The full name goes to screen readers."""
    text = str(name)
    for filler in _FILLERS:
        if text.startswith(filler) and len(text) > len(filler):
            text = text[len(filler):]
            break
    words = [word if len(word) <= MAX_WORD else word[: MAX_WORD - 2] + "." for word in text.split()]
    return " ".join(words)
