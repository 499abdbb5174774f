from django.urls import path

from . import views

app_name = "operations"

urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("<uuid:pk>/", views.job_detail, name="job-detail"),
    path("<uuid:pk>/stand.json", views.job_status, name="job-status"),
    path("<uuid:pk>/ergebnis/", views.job_result, name="job-result"),
]
