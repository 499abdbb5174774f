from django.urls import path

from . import views

app_name = "offers"

urlpatterns = [
    path("", views.OfferListView.as_view(), name="offer-list"),
    path("wegweiser.pdf", views.guide_pdf, name="offer-guide"),
    path("<slug:provider>/<slug:slug>/", views.offer_detail, name="offer-detail"),
]
