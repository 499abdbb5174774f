"""The provider table's export runs as a background job: start it, run the worker, download."""

from django.http import HttpResponse
from django.urls import reverse

from sozialraum.operations.models import Job
from tests.sozialraum.operations.helpers import run_worker

#: Queries of the worker running one export job, the same at any size: the export's own six
#: (providers, offers, target groups, quarters, languages, slots) plus the queue and job bookkeeping.
EXPORT_JOB_QUERIES = 22


def export_table(client, fmt):
    """POST the export, run the worker, return the download as a plain response."""
    started = client.post(reverse("admin:providers_provider_export", args=[fmt]))
    if started.status_code != 302:
        return started
    run_worker()
    job = Job.objects.filter(kind=f"providers.export.{fmt}").latest("created_at")
    download = client.get(reverse("operations:job-result", args=[job.pk]))
    return HttpResponse(b"".join(download.streaming_content), status=download.status_code,
                        headers={key: value for key, value in download.items() if key != "Content-Length"})
