"""E-mails about proposals, each in its recipient's language, sent as background
tasks once the step that caused them is committed."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from accounts import permissions
from accounts.emails import site_url
from directory.models import Unit, language_of

from .models import Proposal, ProposalEvent

Action = ProposalEvent.Action

# Who an e-mail is for.
REVIEWER, FOCAL_POINT, EDITOR = "reviewer", "focal point", "editor"

# Steps the reviewers hear about, and steps the province's focal points hear about.
FOR_REVIEWERS = {Action.SUBMIT, Action.RESUBMIT, Action.WITHDRAW}
FOR_FOCAL_POINTS = {
    Action.START_REVIEW,
    Action.REQUEST_CHANGES,
    Action.ACCEPT,
    Action.REJECT,
}


def concerns_anyone(action, from_status):
    """Whether anybody is told of this step (a new draft, or a withdrawn one that
    nobody else saw, is nobody's news)."""
    if action == Action.WITHDRAW:
        return from_status != Proposal.Status.DRAFT
    return action in FOR_REVIEWERS | FOR_FOCAL_POINTS


def reviewers():
    """Active accounts given the review permission (directly or by a group)."""
    return (
        get_user_model()
        .objects.with_perm(
            permissions.REVIEW_PROPOSALS,
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .exclude(email="")
        .select_related("profile")
    )


def focal_points(province):
    return (
        get_user_model()
        .objects.filter(
            focal_point_account__focal_point__province=province, is_active=True
        )
        .exclude(email="")
        .select_related("profile")
    )


def editors(project):
    """The editors of the directorate an accepted proposal's draft project went
    to: they complete it."""
    if project is None or project.directorate_id is None:
        return get_user_model().objects.none()
    return (
        permissions.directorate_editors(get_user_model().objects, project.directorate)
        .exclude(email="")
        .select_related("profile")
    )


def recipients(event):
    """[(e-mail address, language, audience)] for ``event``; the audience is
    REVIEWER, FOCAL_POINT or EDITOR."""
    if not concerns_anyone(event.action, event.from_status):
        return []
    if event.action in FOR_REVIEWERS:
        people = [(user.email, language_of(user), REVIEWER) for user in reviewers()]
        if settings.DGCIN_REVIEWERS_EMAIL:
            people.append(
                (settings.DGCIN_REVIEWERS_EMAIL, settings.LANGUAGE_CODE, REVIEWER)
            )
        return people
    people = []
    if event.action in FOR_FOCAL_POINTS:
        people = [
            (user.email, language_of(user), FOCAL_POINT)
            for user in focal_points(event.proposal.province)
        ]
    if event.action == Action.ACCEPT:
        people += [
            (user.email, language_of(user), EDITOR)
            for user in editors(event.proposal.project)
        ]
    return people


def link(proposal, audience):
    if audience == REVIEWER:
        path = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    elif audience == EDITOR:
        path = reverse("admin:projects_project_change", args=[proposal.project_id])
    else:
        path = proposal.get_absolute_url()
    return site_url(path)


def message(event, address, language, audience):
    proposal = event.proposal
    with override(language):
        context = {
            "event": event,
            "proposal": proposal,
            "for_reviewer": audience == REVIEWER,
            "for_editor": audience == EDITOR,
            "url": link(proposal, audience),
            "sender": Unit.objects.head_office_name(),
        }
        # One line of plain text: a title with line breaks must not add headers.
        subject = " ".join(
            render_to_string("proposals/email/proposal_subject.txt", context).split()
        )[:200]
        context["subject"] = subject
        mail = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("proposals/email/proposal_event.txt", context),
            to=[address],
        )
        mail.attach_alternative(
            render_to_string("proposals/email/proposal_event.html", context),
            "text/html",
        )
    return mail


@task()
def notify(event_id):
    """Send the e-mails about one proposal event; returns how many were sent."""
    event = (
        ProposalEvent.objects.select_related("proposal__province")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    sent = 0
    for address, language, audience in recipients(event):
        sent += message(event, address, language, audience).send()
    return sent
