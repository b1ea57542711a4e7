"""Reviewing proposals in the admin: read them, open their attachments, and take the
review steps, from the list (several at once) or from a proposal's page."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import permissions
from directory.models import Unit
from partners.history_admin import HistoryAdmin
from projects.models import Programme

from . import (
    admin_calls,  # noqa: F401 (registers the calls' admin)
    workflow,
)
from .acceptance import default_directorate, programme_of
from .models import Proposal, ProposalEvent
from .sections import SECTIONS

Action = ProposalEvent.Action
# The review steps and what their buttons say.
REVIEW_ACTIONS = {
    Action.START_REVIEW: _("Start the review"),
    Action.REQUEST_CHANGES: _("Request changes"),
    Action.ACCEPT: _("Accept and create the project"),
    Action.REJECT: _("Reject"),
}


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the focal point"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Needed to request changes or to reject; it is sent by e-mail."),
    )
    directorate = forms.ModelChoiceField(
        label=_("Directorate of the project"),
        queryset=Unit.objects.filter(kind=Unit.Kind.DIRECTORATE),
        required=False,
        help_text=_(
            "When accepting: the directorate whose editors complete the draft "
            "project (they are told by e-mail)."
        ),
    )

    programme = forms.ModelChoiceField(
        label=_("Programme of the project"),
        queryset=Programme.objects.select_related("commission__country"),
        required=False,
        help_text=_(
            "When accepting: the bilateral programme the draft project joins. Left "
            "empty, it joins the programme of the proposal's call, if any."
        ),
    )

    # On the list's confirmation the step is taken on several proposals, each of
    # its own call: an empty choice lets each go to its own.
    LIST_HELP = {
        "directorate": _(
            "When accepting: the directorate whose editors complete the draft "
            "projects (they are told by e-mail). Left empty, each project goes to "
            "the directorate of its proposal's call, or, for a proposal without a "
            "call, to yours if you work in one."
        ),
        "programme": _(
            "When accepting: the bilateral programme the draft projects join. Left "
            "empty, each joins the programme of its proposal's call, if any."
        ),
    }

    def __init__(self, *args, user=None, proposal=None, several=False, **kwargs):
        super().__init__(*args, **kwargs)
        if several:
            for name, text in self.LIST_HELP.items():
                self.fields[name].help_text = text
        # Filled in for one proposal only: on the list's form a filled-in choice
        # would be sent back and override every proposal's own call.
        if user is not None and proposal is not None and not self.is_bound:
            self.initial["directorate"] = default_directorate(user, proposal)
            self.initial["programme"] = programme_of(proposal)


def review_action(action):
    def run(modeladmin, request, queryset):
        return modeladmin.review_selected(request, queryset, action)

    run.__name__ = f"review_{action.replace('-', '_')}"
    # Worked out each time the list is shown, in its language: interpolated here,
    # once at import, the text would keep the language active then.
    description = lazy(
        lambda: (
            _("%(step)s: the selected proposals") % {"step": REVIEW_ACTIONS[action]}
        ),
        str,
    )()
    return admin.action(description=description, permissions=["review"])(run)


@admin.register(Proposal)
class ProposalAdmin(HistoryAdmin):
    list_display = (
        "reference_link",
        "title",
        "province",
        "status",
        "modality",
        "updated_at",
    )
    list_display_links = None
    list_filter = ("status", "call", "province", "modality")
    list_select_related = ("province", "call")
    search_fields = ("title", "summary", "executing_institution", "contact_name")
    date_hierarchy = "submitted_at"
    readonly_fields = ("attachment_list", "timeline")
    actions = [review_action(action) for action in REVIEW_ACTIONS]
    fieldsets = [
        (None, {"fields": ("province", "status", "project", "submitted_at")}),
        (_("Attachments"), {"fields": ("attachment_list",)}),
        (_("Timeline"), {"fields": ("timeline",)}),
        *[(section.title, {"fields": section.fields}) for section in SECTIONS],
    ]

    @admin.display(description=_("files"))
    def attachment_list(self, proposal):
        return render_to_string(
            "admin/proposals/proposal/attachments.html",
            {"attachments": proposal.attachments.all()},
        )

    @admin.display(description=_("steps"))
    def timeline(self, proposal):
        return render_to_string(
            "admin/proposals/proposal/timeline.html",
            {"events": proposal.events.all()},
        )

    @admin.display(description=_("reference"), ordering="pk")
    def reference_link(self, proposal):
        url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
        return format_html('<a href="{}">{}</a>', url, proposal.reference)

    # Nobody edits a focal point's text in the admin: reviewers read it and take
    # review steps; only superusers may delete.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return permissions.may_delete_proposals(request.user)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(
            request, obj
        ) or self.has_review_permission(request)
        # An unsent draft stays the focal point's, its history included.
        return allowed and (
            obj is None
            or permissions.visible_proposals(
                request.user, Proposal.objects.filter(pk=obj.pk)
            ).exists()
        )

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self.has_review_permission(
            request
        )

    def has_review_permission(self, request):
        return permissions.is_reviewer(request.user)

    def get_queryset(self, request):
        """Sent proposals only: an unsent draft is the focal point's."""
        proposals = super().get_queryset(request)
        return permissions.visible_proposals(request.user, proposals)

    def get_urls(self):
        return [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="proposals_proposal_review",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        proposal = self.get_queryset(request).filter(pk=object_id).first()
        if proposal is not None and self.has_review_permission(request):
            extra_context["review_steps"] = [
                (transition.action, REVIEW_ACTIONS[transition.action])
                for transition in workflow.available(request.user, proposal)
                if transition.role == workflow.REVIEWER
            ]
            extra_context["review_form"] = ReviewForm(
                user=request.user, proposal=proposal
            )
            extra_context["review_url"] = reverse(
                "admin:proposals_proposal_review", args=[proposal.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def take_step(
        self, request, proposal, action, comment, directorate=None, programme=None
    ):
        """Apply one step; True when it was taken, else the reason is shown."""
        try:
            event = workflow.apply(
                proposal,
                action,
                request.user,
                comment,
                directorate=directorate,
                programme=programme,
            )
        except workflow.TransitionError as error:
            self.message_user(
                request, f"{proposal.reference}: {error.message}", messages.ERROR
            )
            return False
        if event.action == Action.ACCEPT:
            proposal.refresh_from_db()
            self.message_user(
                request,
                format_html(
                    _(
                        "{}: accepted; the draft project "
                        '<a href="{}">{}</a> was created.'
                    ),
                    proposal.reference,
                    reverse(
                        "admin:projects_project_change", args=[proposal.project_id]
                    ),
                    proposal.project.title,
                ),
                messages.SUCCESS,
            )
        return True

    def review_view(self, request, pk):
        """A step from a proposal's page (the form under the proposal)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_review_permission(request):
            self.message_user(
                request, _("You are not allowed to review proposals."), messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:index"))
        proposal = get_object_or_404(self.get_queryset(request), pk=pk)
        action = request.POST.get("action", "")
        if action not in REVIEW_ACTIONS:
            self.message_user(
                request, _("This is not a step a proposal can take."), messages.ERROR
            )
        elif (
            self.take_step(
                request,
                proposal,
                action,
                request.POST.get("comment", ""),
                *self.chosen_owner(request),
            )
            and action != Action.ACCEPT
        ):
            self.message_user(
                request,
                _("%(reference)s: %(step)s.")
                % {"reference": proposal.reference, "step": Action(action).label},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(
            reverse("admin:proposals_proposal_change", args=[proposal.pk])
        )

    def chosen_owner(self, request):
        """The directorate and programme picked on the review form, if valid."""
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return None, None
        return form.cleaned_data["directorate"], form.cleaned_data["programme"]

    def review_selected(self, request, queryset, action):
        """The list's actions: confirm (with a comment) then take the step on each."""
        form = ReviewForm(
            request.POST if "confirm" in request.POST else None,
            user=request.user,
            several=True,
        )
        transition = workflow.TRANSITIONS[action]
        if "confirm" in request.POST and form.is_valid():
            comment = form.cleaned_data["comment"]
            if transition.needs_comment and not comment.strip():
                form.add_error(
                    "comment", _("Write a comment: the focal point needs to know why.")
                )
            else:
                done = sum(
                    self.take_step(
                        request,
                        proposal,
                        action,
                        comment,
                        form.cleaned_data["directorate"],
                        form.cleaned_data["programme"],
                    )
                    for proposal in queryset.order_by("pk")
                )
                if done and action != Action.ACCEPT:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d proposal: %(step)s.",
                            "%(count)d proposals: %(step)s.",
                            done,
                        )
                        % {"count": done, "step": Action(action).label},
                        messages.SUCCESS,
                    )
                return None
        return TemplateResponse(
            request,
            "admin/proposals/proposal/review_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Confirm: %(step)s") % {"step": REVIEW_ACTIONS[action]},
                "opts": self.model._meta,
                "proposals": queryset.select_related("province"),
                "action": review_action(action).__name__,
                "step": REVIEW_ACTIONS[action],
                "needs_comment": transition.needs_comment,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
