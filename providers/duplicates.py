"""Record duplicates: the same organisation entered twice (data hygiene, not an overlap
of services)."""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .models import Provider

_LEGAL_FORMS = re.compile(r"\b(e\s*\.?\s*v|ggmbh|gmbh|gug|ug|ag|kg|mbh|eg)\b\.?", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+")


def _name_key(name):
    """'Caritasverband Iserlohn e. V.' and 'caritasverband iserlohn' give the same key."""
    folded = unicodedata.normalize("NFKC", name).casefold().replace("ß", "ss")
    folded = _LEGAL_FORMS.sub(" ", folded)
    return _NOT_WORD.sub(" ", folded).strip()


def _website_key(url):
    host = urlsplit(url if "//" in url else f"//{url}").netloc.casefold()
    return host.removeprefix("www.")


def _phone_key(phone):
    digits = re.sub(r"\D", "", phone)
    return digits if len(digits) >= 6 else ""


@dataclass(frozen=True)
class DuplicateGroup:
    providers: list[Provider]  # sorted by name
    reasons: list[str]  # what they share, German


def provider_duplicate_groups():
    """Providers that are probably the same organisation entered twice: the same name
    (ignoring case, punctuation and legal form), e-mail address, website or phone number.

    One query; the grouping runs in Python (union-find over the shared keys).
    """
    providers = list(Provider.objects.only("pk", "slug", "name", "email", "website", "phone").order_by("name"))
    keys = defaultdict(list)  # (kind, value) -> provider indexes
    for index, provider in enumerate(providers):
        for kind, value in (
            ("name", _name_key(provider.name)),
            ("email", provider.email.strip().casefold()),
            ("website", _website_key(provider.website) if provider.website else ""),
            ("phone", _phone_key(provider.phone)),
        ):
            if value:
                keys[(kind, value)].append(index)

    parent = list(range(len(providers)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shared = defaultdict(set)
    for (kind, _value), members in keys.items():
        if len(members) < 2:
            continue
        for other in members[1:]:
            parent[root(other)] = root(members[0])
        shared[kind].update(members)

    groups = defaultdict(list)
    for index in range(len(providers)):
        groups[root(index)].append(index)
    labels = {"name": _("gleicher Name"), "email": _("gleiche E-Mail-Adresse"),
              "website": _("gleiche Website"), "phone": _("gleiche Telefonnummer")}
    result = []
    for members in groups.values():
        if len(members) < 2:
            continue
        reasons = [label for kind, label in labels.items() if shared[kind] & set(members)]
        result.append(DuplicateGroup(providers=[providers[i] for i in members], reasons=reasons))
    return sorted(result, key=lambda group: group.providers[0].name.casefold())
