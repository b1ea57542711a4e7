"""The focal points' area: their province's proposals, the proposal form, the
timeline and the attachments. Reviewers may look at every proposal here; they take
their decisions in the admin."""

from dataclasses import dataclass
from pathlib import Path

import django_filters
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import is_reviewer, province_of, visible_proposals
from partners.lists import FilteredListView
from partners.models import Province
from projects.downloads import download
from projects.validators import detected_type

from . import workflow
from .forms import AttachmentFormSet, ProposalForm
from .models import Call, Proposal, ProposalAttachment
from .sections import SECTIONS

Action = workflow.Action


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Proposal.Status.choices,
        empty_label=gettext_lazy("All statuses"),
    )
    province = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Province"),
        queryset=Province.objects.all(),
        empty_label=gettext_lazy("All provinces"),
        to_field_name="code",
    )
    call = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Call for proposals"),
        queryset=Call.objects.all(),
        empty_label=gettext_lazy("All calls"),
    )
    query_was_shortened = False

    class Meta:
        model = Proposal
        fields = ["status", "province", "call"]

    @property
    def qs(self):
        """With a filter it cannot read, the list shows every proposal the user
        may see (and says which filter it ignored)."""
        return super().qs if self.is_valid() else self.queryset


class ProposalAccessMixin(LoginRequiredMixin):
    """Signed-in focal points and reviewers; anybody else signed in is told why not."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.province = province_of(request.user)
        self.is_reviewer = is_reviewer(request.user)
        if self.province is None and not self.is_reviewer:
            raise PermissionDenied(
                _(
                    "Your account is not a focal-point account. Proposals are "
                    "submitted by the provinces' focal points; ask the directorate "
                    "for access."
                )
            )
        return super().dispatch(request, *args, **kwargs)

    def get_proposal(self, pk):
        """The proposal if the user may see it; 404 otherwise, guessing included."""
        return get_object_or_404(
            visible_proposals(self.request.user, Proposal.objects.all()).select_related(
                "province", "segib_sector", "dac_sector__category", "currency"
            ),
            pk=pk,
        )


class ProposalListView(ProposalAccessMixin, FilteredListView):
    template_name = "proposals/proposal_list.html"
    filterset_class = ProposalFilter
    context_object_name = "proposals"
    paginate_by = 25

    def get_queryset(self):
        return visible_proposals(
            self.request.user, Proposal.objects.all()
        ).select_related("province")

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        if not self.is_reviewer:
            del filterset.form.fields["province"]  # theirs is the only one
            filterset.form.fields["call"].queryset = Call.objects.for_province(
                self.province
            )
        return filterset

    def get_context_data(self, **kwargs):
        calls = Call.objects.open()
        if self.province is not None:
            calls = calls.for_province(self.province)
        return super().get_context_data(
            province=self.province,
            is_reviewer=self.is_reviewer,
            open_calls=calls.select_related("country").order_by("closes_on", "pk"),
            **kwargs,
        )


def step_taken_message(action):
    return {
        Action.SUBMIT: _(
            "Your proposal was submitted. The directorate will review it."
        ),
        Action.RESUBMIT: _("Your proposal was submitted again."),
        Action.WITHDRAW: _("The proposal was withdrawn."),
    }[action]


def after_refused_step(proposal, error):
    """Back to the form, showing what is missing, or to the proposal."""
    if error.missing:
        return redirect(
            reverse("proposals:proposal-edit", args=[proposal.pk]) + "?check"
        )
    return redirect(proposal)


def not_editable_message(proposal):
    return _("This proposal can no longer be changed: it is “%(status)s”.") % {
        "status": proposal.get_status_display()
    }


def removed_ids(request):
    return [value for value in request.POST.getlist("remove") if value.isdigit()]


class ProposalFormView(ProposalAccessMixin, View):
    """The proposal form with its attachments: save a draft, or save and submit."""

    template_name = "proposals/proposal_form.html"

    def get_object(self):
        return None

    def check_access(self, proposal):
        if self.province is None or (
            proposal is not None and proposal.province_id != self.province.pk
        ):
            raise PermissionDenied(
                _("Only the province's focal points can write its proposals.")
            )

    def get(self, request, pk=None):
        proposal = self.get_object()
        self.check_access(proposal)
        if proposal is not None and not proposal.is_editable:
            return self.not_editable(proposal)
        missing = []
        if proposal is not None and "check" in request.GET:
            form = ProposalForm.bound_from(proposal, province=self.province)
            form.is_valid()
            missing = workflow.missing_fields(proposal) + workflow.call_problems(
                proposal
            )
            for field, message in missing:
                if field:
                    form.add_error(field, message)
        else:
            form = ProposalForm(
                instance=proposal,
                province=self.province,
                initial=self.initial_call(proposal),
            )
        formset = AttachmentFormSet(proposal=proposal, prefix="attachments")
        return self.render(proposal, form, formset, missing=missing)

    def post(self, request, pk=None):
        proposal = self.get_object()
        self.check_access(proposal)
        if proposal is not None and not proposal.is_editable:
            return self.not_editable(proposal)
        form = ProposalForm(request.POST, instance=proposal, province=self.province)
        formset = AttachmentFormSet(
            request.POST,
            request.FILES,
            proposal=proposal,
            removed=removed_ids(request),
            prefix="attachments",
        )
        if not (form.is_valid() and formset.is_valid()):
            messages.error(
                request,
                _("Nothing was saved: correct the fields marked below."),
            )
            return self.render(proposal, form, formset, status=400)
        try:
            proposal = self.save(form, formset, proposal is None)
        except workflow.TransitionError as error:
            messages.error(request, error.message)
            return self.render(proposal, form, formset, status=409)
        if "submit" not in request.POST:
            messages.success(request, _("Your draft was saved."))
            return redirect(proposal)
        action = workflow.submit_action(proposal)
        try:
            workflow.apply(proposal, action, request.user)
        except workflow.TransitionError as error:
            messages.warning(
                request,
                _("Your draft was saved, but it was not submitted.")
                + " "
                + error.message,
            )
            return after_refused_step(proposal, error)
        messages.success(request, step_taken_message(action))
        return redirect(proposal)

    def initial_call(self, proposal):
        """A new proposal answers the call it was started from (``?call=``)."""
        call = self.request.GET.get("call", "")
        return {"call": call} if proposal is None and call.isdigit() else {}

    def save(self, form, formset, is_new):
        """The proposal, its removed and its new attachments in one transaction; the
        files of a failed save are deleted, those removed only after the commit."""
        user = self.request.user
        stored = []
        try:
            with transaction.atomic():
                proposal = form.save(commit=False)
                if is_new:
                    workflow.start(proposal, user)
                else:
                    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
                    if not locked.is_editable:
                        raise workflow.TransitionError(not_editable_message(locked))
                    proposal.status = locked.status
                    proposal.save()
                form.save_m2m()
                removed = list(proposal.attachments.filter(pk__in=formset.removed))
                for attachment in removed:
                    attachment.delete()
                for kind, upload in formset.uploads():
                    attachment = ProposalAttachment(
                        proposal=proposal,
                        kind=kind,
                        original_name=Path(upload.name).name[:255],
                        content_type=detected_type(upload),
                        size=upload.size,
                        uploaded_by=user,
                    )
                    attachment.file.save(upload.name, upload, save=False)
                    stored.append(attachment.file.name)
                    attachment.save()
        except Exception:
            for name in stored:
                default_storage.delete(name)
            raise
        for attachment in removed:
            transaction.on_commit(
                lambda name=attachment.file.name: default_storage.delete(name)
            )
        return proposal

    def not_editable(self, proposal):
        messages.error(self.request, not_editable_message(proposal))
        return redirect(proposal)

    def render(self, proposal, form, formset, missing=(), status=200):
        attachments = proposal.attachments.all() if proposal else []
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "form": form,
                "formset": formset,
                "attachments": attachments,
                "removed": set(removed_ids(self.request)),
                "missing": missing,
                "province": self.province,
            },
            status=status,
        )


class ProposalCreateView(ProposalFormView):
    pass


class ProposalUpdateView(ProposalFormView):
    def get_object(self):
        return self.get_proposal(self.kwargs["pk"])


# On the proposal's page the title is the heading, the currency is shown with the
# budget, and the e-mail and phone with the contact person.
SHOWN_WITH_ANOTHER = {"title", "currency", "contact_email", "contact_phone"}
# Where the page words a field otherwise than its label ("24 months").
PAGE_LABELS = {"duration_months": gettext_lazy("Duration")}


@dataclass
class Entry:
    name: str
    label: str
    value: object
    long: bool


def page_sections(proposal):
    """[(section, entries, prose)] of the proposal's page, in the form's order; a
    section of long texts only (``prose``) reads as paragraphs."""
    shown = []
    for section in SECTIONS:
        entries = []
        for name in section.fields:
            if name in SHOWN_WITH_ANOTHER:
                continue
            field = Proposal._meta.get_field(name)
            if field.many_to_many:
                value = ", ".join(str(item) for item in getattr(proposal, name).all())
            elif field.choices:
                value = getattr(proposal, f"get_{name}_display")()
            else:
                value = getattr(proposal, name)
            label = PAGE_LABELS.get(name) or capfirst(field.verbose_name)
            entries.append(
                Entry(name, label, value, isinstance(field, models.TextField))
            )
        shown.append((section, entries, all(entry.long for entry in entries)))
    return shown


class ProposalDetailView(ProposalAccessMixin, TemplateView):
    template_name = "proposals/proposal_detail.html"

    def get_context_data(self, **kwargs):
        proposal = self.get_proposal(self.kwargs["pk"])
        steps = [
            transition
            for transition in workflow.available(self.request.user, proposal)
            if transition.role == workflow.FOCAL_POINT
        ]
        return super().get_context_data(
            proposal=proposal,
            sections=page_sections(proposal),
            attachments=proposal.attachments.all(),
            events=proposal.events.all(),
            steps=steps,
            is_reviewer=self.is_reviewer,
            can_edit=proposal.is_editable
            and proposal.province_id == getattr(self.province, "pk", None),
            **kwargs,
        )


class ProposalTransitionView(ProposalAccessMixin, TemplateView):
    """A focal point's step (submit, withdraw): confirm, then take it."""

    template_name = "proposals/proposal_transition.html"
    ACTIONS = {Action.SUBMIT, Action.RESUBMIT, Action.WITHDRAW}

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in self.ACTIONS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        proposal = self.get_proposal(self.kwargs["pk"])
        action = self.kwargs["action"]
        if not workflow.has_role(self.request.user, proposal, workflow.FOCAL_POINT):
            raise PermissionDenied(
                _("Only the province's focal points can take this step.")
            )
        kwargs.update(proposal=proposal, action=action, verb=workflow.VERBS[action])
        return super().get_context_data(**kwargs)

    def post(self, request, pk, action):
        proposal = self.get_proposal(pk)
        try:
            workflow.apply(
                proposal, action, request.user, request.POST.get("comment", "")
            )
        except workflow.TransitionError as error:
            messages.error(request, error.message)
            return after_refused_step(proposal, error)
        messages.success(request, step_taken_message(action))
        return redirect(proposal)


def attachment_download(request, pk, attachment):
    """An attachment, to those who may see its proposal, always as a download."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = get_object_or_404(
        ProposalAttachment.objects.filter(
            proposal__in=visible_proposals(request.user, Proposal.objects.all())
        ),
        pk=attachment,
        proposal_id=pk,
    )
    # Its type was read from its content when it was uploaded.
    response = download(item.file, item.original_name, item.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
