from django.urls import path

from measures import views

app_name = "measures"

urlpatterns = [
    path("", views.MeasureListView.as_view(), name="measure-list"),
    path("dokumente/<int:pk>/", views.document_download, name="document-download"),
]
