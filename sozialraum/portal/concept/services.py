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
RESERVED_SLUGS = {"aktuell", "entwurf", "veroeffentlichen"}  # entwurf/ too


def edition_check(*, name, slug=None, presented_on, presented_to="", note="", user=None):
    """The unsaved edition, validated (German ValidationError): what publishing would store."""
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
    edition.full_clean(exclude=["pdf"])
    return edition


def edition_file_name(edition):
    return f"{edition.slug}-{edition.presented_on:%Y-%m-%d}.pdf"


def edition_publish(*, name, slug=None, presented_on, presented_to="", note="", user=None, before_commit=None):
    """Publish an edition: validate, render the current data to PDF, store the file.

    The stored file is never rendered again; later changes to the data do not touch it.
    Raises ValidationError (German messages) for bad input.

    The rendering (the long part) runs outside any transaction; the file, the edition and
    ``before_commit(edition)`` (the job's success) then go in one short transaction. When
    anything fails there, the file is removed again: no edition without file, no file
    without edition.
    """
    edition = edition_check(
        name=name, slug=slug, presented_on=presented_on, presented_to=presented_to, note=note, user=user
    )
    info = EditionInfo(name=name, date=presented_on, presented_to=presented_to)
    rendered = render_concept(concept_data(edition=info))
    edition.file_size = len(rendered.pdf)
    edition.page_count = rendered.page_count
    edition.sha256 = hashlib.sha256(rendered.pdf).hexdigest()
    try:
        with transaction.atomic():
            edition.pdf.save(edition_file_name(edition), ContentFile(rendered.pdf), save=False)
            edition.full_clean(exclude=["pdf"])  # again: someone may have taken the slug meanwhile
            edition.save()
            if before_commit is not None:
                before_commit(edition)
    except BaseException:
        if edition.pdf.name:
            edition.pdf.delete(save=False)
        raise
    logger.info("Konzeptausgabe %s veröffentlicht (%s Seiten) von %s", edition.slug, edition.page_count, user)
    return edition
