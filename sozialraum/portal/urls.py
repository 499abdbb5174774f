from django.urls import path

from sozialraum.portal import views

app_name = "sozialraum"

urlpatterns = [
    path("", views.home, name="home"),
    path("quartiere/<slug:slug>/", views.quarter_detail, name="quarter-detail"),
]
