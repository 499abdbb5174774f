"""HSDS 3.0 API paths (Open Referral), mounted under /api/hsds/."""

from django.urls import path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.api_info, name="api-info"),
    path("services", views.service_list, name="service-list"),
    path("services/<str:id>", views.service_detail, name="service-detail"),
    path("organizations", views.organization_list, name="organization-list"),
    path("organizations/<str:id>", views.organization_detail, name="organization-detail"),
    path("taxonomies", views.taxonomy_list, name="taxonomy-list"),
    path("taxonomies/<str:id>", views.taxonomy_detail, name="taxonomy-detail"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy-term-list"),
    path("taxonomy_terms/<str:id>", views.taxonomy_term_detail, name="taxonomy-term-detail"),
]
