"""The concept report's background jobs: the draft PDF and publishing an edition.

Both render with WeasyPrint (about a minute and a gigabyte at 2,000 providers and 200
measures), so they run in the worker (``manage.py jobs_worker``), never in a request.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.models import ConceptEdition
from sozialraum.operations.jobs import JobError, job_set_progress, job_store_result, job_succeed, job_task

from . import services
from .data import concept_data
from .render import render_concept


@job_task
def concept_draft(job):
    job_set_progress(job, 0, 2, _("Daten werden zusammengestellt"))
    data = concept_data()
    job_set_progress(job, 1, 2, _("PDF wird gesetzt"))
    rendered = render_concept(data)
    job_store_result(job, rendered.pdf, f"Gesamtkonzept-Entwurf-{timezone.localdate():%Y-%m-%d}.pdf")
    job_succeed(job, message=_("Der Entwurf ist fertig (%(pages)s Seiten).") % {"pages": rendered.page_count})


def _remove_leftover_file(edition):
    """A worker killed between storing the file and the commit leaves a file that no edition names."""
    name = ConceptEdition._meta.get_field("pdf").generate_filename(edition, services.edition_file_name(edition))
    if default_storage.exists(name) and not ConceptEdition.objects.filter(pdf=name).exists():
        default_storage.delete(name)


@job_task
def concept_publish(job):
    """Publish the edition described in ``job.params``: one edition however often this runs."""
    params = {**job.params, "presented_on": dt.date.fromisoformat(job.params["presented_on"])}
    job_set_progress(job, 0, 1, _("PDF wird gesetzt"))
    try:
        edition = services.edition_check(**params, user=job.user)
        _remove_leftover_file(edition)
        services.edition_publish(
            **params,
            user=job.user,
            before_commit=lambda edition: job_succeed(
                job,
                message=_("Die Ausgabe „%(name)s“ ist veröffentlicht (%(pages)s Seiten).")
                % {"name": edition.name, "pages": edition.page_count},
                result_url=edition.get_absolute_url(),
            ),
        )
    except ValidationError as error:
        raise JobError(" ".join(error.messages))
