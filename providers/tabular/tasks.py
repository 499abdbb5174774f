"""The provider table's background jobs: the export (CSV/XLSX) and the confirmed import.

At 2,000 providers with 10,000 offers both take longer than a request should; they run in
the worker (``manage.py jobs_worker``) and the admin leads to the job's status page.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.common.tabular import ImportFileError, render_csv, render_xlsx
from sozialraum.operations.jobs import JobError, job_set_progress, job_store_result, job_succeed, job_task

from .export import export_rows
from .imports import providers_import

FORMATS = ("csv", "xlsx")


@job_task
def catalogue_export(job):
    fmt = job.params["format"]
    job_set_progress(job, 0, 1, _("Tabelle wird geschrieben"))
    rows = export_rows()
    content = render_csv(rows) if fmt == "csv" else render_xlsx(rows, title="Anbieter")
    job_store_result(job, content, f"anbieter-{timezone.localdate():%Y-%m-%d}.{fmt}")
    job_succeed(job, message=_("Die Tabelle der Anbieter und Angebote ist fertig."))


@job_task
def catalogue_import(job):
    """Write the table that the user checked in the preview: all rows or none."""
    with job.input.open("rb") as stored:
        data = stored.read()
    job_set_progress(job, 0, 1, _("Zeilen werden geprüft und gespeichert"))
    try:
        result = providers_import(data=data, user=job.user, dry_run=False)
    except ImportFileError as error:
        raise JobError(str(error))
    if not result.written:
        problems = "; ".join(
            (_("Zeile %(row)s: %(message)s") % {"row": error.row, "message": error.message}) if error.row
            else str(error.message)
            for error in result.errors[:10]
        )
        raise JobError(_("Der Import wurde nicht gespeichert, es wurde nichts geändert. %(problems)s")
                       % {"problems": problems})
    summary = result.summary
    job_succeed(
        job,
        message=_(
            "Import abgeschlossen: %(pc)s Anbieter neu, %(pu)s geändert; %(oc)s Angebote neu, %(ou)s geändert."
        ) % {"pc": summary["providers_created"], "pu": summary["providers_updated"],
             "oc": summary["offers_created"], "ou": summary["offers_updated"]},
        result_url=reverse("admin:providers_provider_changelist"),
    )
