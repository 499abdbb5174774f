"""HSDS 3.0 API paths (Open Referral), mounted under /api/hsds/."""

from django.urls import path

from providers import hsds_views

app_name = "hsds"

urlpatterns = [
    path("", hsds_views.api_info, name="api-info"),
    path("services", hsds_views.service_list, name="service-list"),
    path("services/<str:id>", hsds_views.service_detail, name="service-detail"),
    path("organizations", hsds_views.organization_list, name="organization-list"),
    path("organizations/<str:id>", hsds_views.organization_detail, name="organization-detail"),
    path("taxonomies", hsds_views.taxonomy_list, name="taxonomy-list"),
    path("taxonomies/<str:id>", hsds_views.taxonomy_detail, name="taxonomy-detail"),
    path("taxonomy_terms", hsds_views.taxonomy_term_list, name="taxonomy-term-list"),
    path("taxonomy_terms/<str:id>", hsds_views.taxonomy_term_detail, name="taxonomy-term-detail"),
]
