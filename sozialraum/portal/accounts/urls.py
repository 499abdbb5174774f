from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("anmeldung/code/", views.login_code, name="login-code"),
    path("zwei-faktor/einrichten/", views.second_factor_enrol, name="second-factor-enrol"),
]
