"""The HSDS 3.0 export as a background job: one ZIP with a JSON file per HSDS table,
the same files as ``manage.py export_hsds`` writes."""

import io
import json
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.operations.jobs import job_set_progress, job_store_result, job_succeed, job_task

from . import records


@job_task
def hsds_export(job):
    job_set_progress(job, 0, 1, _("HSDS-Tabellen werden erstellt"))
    tables = records.export_tables(include_inactive=False, base_url=job.params.get("base_url") or None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            archive.writestr(f"{name}.json", json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    job_store_result(job, buffer.getvalue(), f"hsds-{timezone.localdate():%Y-%m-%d}.zip")
    job_succeed(
        job,
        message=_("HSDS 3.0: %(organizations)d Organisationen, %(services)d Angebote in %(files)d Dateien.")
        % {"organizations": len(tables["organization"]), "services": len(tables["service"]), "files": len(tables)},
    )
