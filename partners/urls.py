from django.urls import path

from . import institutions, views

app_name = "partners"

urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner-list"),
    path(
        "country/<str:code>/", views.CountryDetailView.as_view(), name="country-detail"
    ),
    path(
        "organisation/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "institutions/",
        institutions.InstitutionListView.as_view(),
        name="institution-list",
    ),
    path("bloc/<slug:slug>/", views.BlocDetailView.as_view(), name="bloc-detail"),
    path(
        "province/<str:code>/",
        views.ProvinceDetailView.as_view(),
        name="province-detail",
    ),
]
