from django.urls import path

from . import views

app_name = "overlaps"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("doppeleintraege/", views.duplicates, name="duplicates"),
    path("<slug:quarter>/<slug:target_group>/", views.cell, name="cell"),
    path("<slug:quarter>/<slug:target_group>/entscheiden/", views.mark, name="mark"),
]
