from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.WorkshopListView.as_view(), name="workshop-list"),
    path("kalender.ics", views.calendar, name="calendar"),
    path("quartier/<slug:slug>/kalender.ics", views.quarter_calendar, name="quarter-calendar"),
    path("reihe/<slug:slug>/kalender.ics", views.series_calendar, name="series-calendar"),
    path("dokumente/<int:pk>/", views.document_download, name="document-download"),
    path("anmeldung/<uuid:token>/", views.registration_detail, name="registration-detail"),
    path("anmeldung/<uuid:token>/abmelden/", views.registration_cancel, name="registration-cancel"),
    path("<slug:slug>/", views.WorkshopDetailView.as_view(), name="workshop-detail"),
    path("<slug:slug>/kalender.ics", views.workshop_ical, name="workshop-ical"),
    path("<slug:slug>/anmeldung/", views.registration_start, name="registration-start"),
]
