from django.urls import path

app_name = "sozialraum"

urlpatterns = []
