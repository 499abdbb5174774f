from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bilanz.pdf", views.balance_pdf, name="balance-pdf"),
]
