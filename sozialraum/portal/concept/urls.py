from django.urls import path

from . import views

app_name = "concept"

urlpatterns = [
    path("", views.EditionListView.as_view(), name="edition-list"),
    path("aktuell.pdf", views.edition_current, name="current"),
    path("entwurf/", views.draft, name="draft"),
    path("entwurf.pdf", views.draft_pdf, name="draft-pdf"),
    path("veroeffentlichen/", views.publish, name="publish"),
    path("<slug:slug>.pdf", views.edition_download, name="edition-download"),
]
