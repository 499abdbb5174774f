"""Against spam in the public forms that anyone may send (no login): a honeypot field and a
rate limit per client address.

- ``HoneypotMixin`` adds the field ``website``: hidden from people (off screen, out of the
  tab order, labelled "leave empty"), filled in by bots that fill in every field. A form
  with it filled in is answered as if it had worked, so a bot learns nothing.
- ``rate_limit_hit(scope, client_address=…, limit=…)`` counts a submission per scope and
  client address in the shared cache (so every app instance counts together) and says
  whether the limit of the window is passed. Only a keyed hash of the address is held,
  and only in the cache, for the window.
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
RATE_WINDOW_SECONDS = 60 * 60


class HoneypotMixin(forms.Form):
    """A form with the honeypot field ``website`` (render it inside ``<div class="field-hp">``)."""

    website = forms.CharField(
        label=_("Bitte dieses Feld leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))


def _rate_key(scope, client_address):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address}".encode()).hexdigest()
    return f"rate:{scope}:{digest}"


def rate_limit_hit(scope, *, client_address, limit, window_seconds=RATE_WINDOW_SECONDS):
    """Counts one submission of ``client_address`` in ``scope``; True when it is more than
    ``limit`` in the window (which starts with the first submission)."""
    key = _rate_key(scope, client_address or "unknown")
    if cache.add(key, 1, window_seconds):
        return 1 > limit
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, window_seconds)
        count = 1
    return count > limit
