"""The portal's URLs plus one address that fails, so that the checkers see the 500 page as
visitors would (the page that ``handler500`` renders)."""

from django.urls import path

from sozialraum.urls import *  # noqa: F403  (the handlers too)
from sozialraum.urls import urlpatterns as portal_urlpatterns


def _fail(request):
    raise RuntimeError("Absichtlicher Fehler für die Prüfung der Fehlerseite 500")


urlpatterns = [path("checker-serverfehler/", _fail), *portal_urlpatterns]
