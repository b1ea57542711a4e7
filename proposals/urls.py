from django.urls import path

from . import call_views, views

app_name = "proposals"

urlpatterns = [
    path("", views.ProposalListView.as_view(), name="proposal-list"),
    path("new/", views.ProposalCreateView.as_view(), name="proposal-create"),
    path("calls/", call_views.CallListView.as_view(), name="call-list"),
    path("calls/<int:pk>/", call_views.CallDetailView.as_view(), name="call-detail"),
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
