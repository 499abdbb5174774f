"""Staff pages of the background jobs: my recent jobs, one job's status, its result.

Each staff member sees only the jobs they started (with the permission "view job", which the
Redaktion and the Administration hold). The status page asks every two seconds
(``static/operations/job_status.js``, for browsers with JavaScript; without, the page has a
link to look again) and shows the end state once the job has finished.
"""

from django.contrib import admin, messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sozialraum.common.decorators import staff_permission_required

from .jobs import recover_stale_jobs
from .models import Job

RECENT = 30


def _own_job(request, pk):
    job = Job.objects.filter(pk=pk, user=request.user).first()
    if job is None:
        raise Http404(_("Diesen Auftrag gibt es nicht, oder er gehört jemand anderem."))
    return job


@staff_permission_required("operations.view_job")
@require_GET
def job_list(request):
    jobs = Job.objects.for_user(request.user).only(
        "id", "title", "status", "created_at", "finished_at", "progress_done", "progress_total", "result",
        "result_url",
    )[:RECENT]
    context = {**admin.site.each_context(request), "title": _("Meine Hintergrundaufträge"), "jobs": jobs}
    return render(request, "operations/job_list.html", context)


@staff_permission_required("operations.view_job")
@require_GET
def job_detail(request, pk):
    recover_stale_jobs()  # a job whose worker died shows as retried or failed, never as "läuft"
    job = _own_job(request, pk)
    if job.status == Job.Status.SUCCEEDED and job.return_url and not job.returned:
        Job.objects.filter(pk=job.pk).update(returned=True)
        if job.message:
            messages.success(request, job.message)
        return redirect(job.return_url)
    context = {**admin.site.each_context(request), "title": job.title, "job": job}
    return render(request, "operations/job_detail.html", context)


@staff_permission_required("operations.view_job")
@require_GET
def job_status(request, pk):
    """The job's state as JSON, for the status page's polling."""
    job = _own_job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "finished": job.is_finished,
            "progress_done": job.progress_done,
            "progress_total": job.progress_total,
            "progress_text": job.progress_text,
        },
        headers={"Cache-Control": "no-store"},
    )


@staff_permission_required("operations.view_job")
@require_GET
def job_result(request, pk):
    job = _own_job(request, pk)
    if job.status != Job.Status.SUCCEEDED or not job.result:
        raise Http404(_("Dieser Auftrag hat (noch) keine Datei als Ergebnis."))
    try:
        stored = job.result.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Die Ergebnisdatei ist nicht mehr vorhanden."))
    response = FileResponse(stored, as_attachment=True, filename=job.result_name or None)
    response["Cache-Control"] = "private, no-store"
    return response
