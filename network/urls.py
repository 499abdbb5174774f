from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.network_page, name="network-detail"),
    path("akteure.csv", views.network_actors_csv, name="actors-csv"),
    path("verbindungen.csv", views.network_edges_csv, name="edges-csv"),
]
