from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.ProposalListView.as_view(), name="proposal-list"),
    path("new/", views.ProposalCreateView.as_view(), name="proposal-create"),
    path("<int:pk>/", views.ProposalDetailView.as_view(), name="proposal-detail"),
    path("<int:pk>/edit/", views.ProposalUpdateView.as_view(), name="proposal-edit"),
    path(
        "<int:pk>/attachments/<int:attachment>/",
        views.attachment_download,
        name="attachment-download",
    ),
    path(
        "<int:pk>/<slug:action>/",
        views.ProposalTransitionView.as_view(),
        name="proposal-transition",
    ),
]
