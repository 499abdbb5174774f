"""The provider table's background jobs: the export (CSV/XLSX), the preview of a large
import and the confirmed import.

At 2,000 providers with 10,000 offers each takes longer than a request should (the preview
of 2,000 rows about 8 s); they run in the worker (``manage.py jobs_worker``) and the admin
leads to the job's status page.
"""

import json

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.common.tabular import ImportFileError, render_csv, render_xlsx
from sozialraum.operations.jobs import JobError, job_set_progress, job_store_result, job_succeed, job_task

from .export import export_rows
from .imports import plan_import, preview_data, providers_import, read_catalogue_table

FORMATS = ("csv", "xlsx")


@job_task
def catalogue_export(job):
    fmt = job.params["format"]
    job_set_progress(job, 0, 1, _("Tabelle wird geschrieben"))
    rows = export_rows()
    content = render_csv(rows) if fmt == "csv" else render_xlsx(rows, title="Anbieter")
    job_store_result(job, content, f"anbieter-{timezone.localdate():%Y-%m-%d}.{fmt}")
    job_succeed(job, message=_("Die Tabelle der Anbieter und Angebote ist fertig."))


def preview_url(job):
    return reverse("admin:providers_provider_import") + f"?vorschau={job.pk}"


@job_task
def catalogue_preview(job):
    """Check every row of an uploaded table against the database (writes nothing) and keep
    what the preview page shows as JSON; the status page then leads to that page."""
    with job.input.open("rb") as stored:
        data = stored.read()
    job_set_progress(job, 0, 1, _("Zeilen werden geprüft"))
    try:
        table = read_catalogue_table(data)
    except ImportFileError as error:
        raise JobError(str(error))
    result = plan_import(table)
    content = json.dumps(preview_data(result), ensure_ascii=False).encode()
    job_store_result(job, content, "vorschau.json")
    job.return_url = preview_url(job)
    job.save(update_fields=["return_url"])
    job_succeed(
        job,
        message=_("Die Vorschau ist fertig: %(rows)s Zeilen, %(errors)s Fehler.")
        % {"rows": len(result.rows), "errors": len(result.errors)},
        result_url=preview_url(job),
    )


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
