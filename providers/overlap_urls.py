from django.urls import path

from . import overlap_views

app_name = "overlaps"

urlpatterns = [
    path("", overlap_views.matrix, name="matrix"),
    path("doppeleintraege/", overlap_views.duplicates, name="duplicates"),
    path("<slug:quarter>/<slug:target_group>/", overlap_views.cell, name="cell"),
    path("<slug:quarter>/<slug:target_group>/entscheiden/", overlap_views.mark, name="mark"),
]
