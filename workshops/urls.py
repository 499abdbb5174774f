from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.WorkshopListView.as_view(), name="workshop-list"),
    path("kalender.ics", views.calendar, name="calendar"),
    path("dokumente/<int:pk>/", views.document_download, name="document-download"),
    path("<slug:slug>/", views.WorkshopDetailView.as_view(), name="workshop-detail"),
    path("<slug:slug>/kalender.ics", views.workshop_ical, name="workshop-ical"),
]
