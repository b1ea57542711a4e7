from django.urls import path

from . import feeds, views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectCatalogueView.as_view(), name="project-list"),
    # Newly published projects (a dot: no project slug can take these addresses).
    path("feed.rss", feeds.NewlyPublishedProjectsRss(), name="project-feed-rss"),
    path("feed.atom", feeds.NewlyPublishedProjectsAtom(), name="project-feed-atom"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path(
        "<slug:slug>/documents/<int:pk>/",
        views.document_download,
        name="document-download",
    ),
    path(
        "<slug:slug>/missions/<int:pk>/report/",
        views.mission_report_download,
        name="mission-report-download",
    ),
]
