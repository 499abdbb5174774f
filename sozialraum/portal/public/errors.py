"""Error pages: German HTML for people, JSON under /api/ (set as handler400/403/404/500).

The 500 page renders without the request's context processors and without a database
query, so it still shows when the database is what failed.
"""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from sozialraum import context_processors


def _is_api(request):
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("Ungültige Anfrage.")}, status=400)
    return render(request, "400.html", status=400)  # Django's own handler renders without the request


def permission_denied(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("Zugriff verweigert.")}, status=403)
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("Nicht gefunden.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": _("Interner Fehler. Bitte versuchen Sie es später noch einmal.")}, status=500)
    context = context_processors.portal(request)
    return HttpResponseServerError(loader.get_template("500.html").render(context))
