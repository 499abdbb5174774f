from django.urls import path

app_name = "providers"

urlpatterns = []
