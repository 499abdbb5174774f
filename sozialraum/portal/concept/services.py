"""Publishing a concept edition: render the PDF once and keep it unchanged."""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.common.text import german_slug
from sozialraum.models import ConceptEdition

from .data import EditionInfo, concept_data
from .render import render_concept

logger = logging.getLogger(__name__)

#: Slugs that the URLs /konzept/aktuell.pdf and /konzept/entwurf.pdf already use.
RESERVED_SLUGS = {"aktuell", "entwurf", "veroeffentlichen"}


def edition_publish(*, name, slug=None, presented_on, presented_to="", note="", user=None):
    """Publish an edition: validate, render the current data to PDF, store the file.

    The stored file is never rendered again; later changes to the data do not touch it.
    Raises ValidationError (German messages) for bad input.
    """
    slug = slug or german_slug(name)
    edition = ConceptEdition(
        name=name,
        slug=slug,
        presented_on=presented_on,
        presented_to=presented_to,
        note=note,
        published_by=user,
    )
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("Dieser Kurzname ist für eine feste Adresse reserviert.")})
    if not slug:
        raise ValidationError({"slug": _("Bitte einen Kurznamen aus Buchstaben oder Ziffern angeben.")})

    with transaction.atomic():
        edition.full_clean(exclude=["pdf"])
        info = EditionInfo(name=name, date=presented_on, presented_to=presented_to)
        rendered = render_concept(concept_data(edition=info))
        edition.file_size = len(rendered.pdf)
        edition.page_count = rendered.page_count
        edition.sha256 = hashlib.sha256(rendered.pdf).hexdigest()
        edition.pdf.save(f"{slug}-{presented_on:%Y-%m-%d}.pdf", ContentFile(rendered.pdf), save=False)
        try:
            edition.save()
        except Exception:
            edition.pdf.delete(save=False)
            raise
    logger.info("Konzeptausgabe %s veröffentlicht (%s Seiten) von %s", edition.slug, edition.page_count, user)
    return edition
