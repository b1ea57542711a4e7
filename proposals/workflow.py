"""The proposal workflow: which step each role may take from which state, and the
rules a step must pass.

draft → submitted → under review → (changes requested → submitted) → accepted or
rejected; a focal point may withdraw a proposal before its review starts. Every step
is one transaction that records a ProposalEvent and, after the commit, queues the
e-mails about it (``notifications``). What a submission needs is listed in
``sections``; what accepting creates is made by ``acceptance``.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import is_reviewer, may_speak_for_province, province_of
from projects.models import Participation

from .acceptance import create_project, default_directorate
from .models import Proposal, ProposalAttachment, ProposalEvent
from .notifications import concerns_anyone, notify
from .sections import REQUIRED_FIELDS

Status = Proposal.Status
Action = ProposalEvent.Action

FOCAL_POINT = "focal-point"
REVIEWER = "reviewer"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    role: str
    needs_comment: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(
            Action.SUBMIT, frozenset({Status.DRAFT}), Status.SUBMITTED, FOCAL_POINT
        ),
        Transition(
            Action.RESUBMIT,
            frozenset({Status.CHANGES_REQUESTED}),
            Status.SUBMITTED,
            FOCAL_POINT,
        ),
        Transition(
            Action.WITHDRAW,
            frozenset({Status.DRAFT, Status.SUBMITTED}),
            Status.WITHDRAWN,
            FOCAL_POINT,
        ),
        Transition(
            Action.START_REVIEW,
            frozenset({Status.SUBMITTED}),
            Status.UNDER_REVIEW,
            REVIEWER,
        ),
        Transition(
            Action.REQUEST_CHANGES,
            frozenset({Status.UNDER_REVIEW}),
            Status.CHANGES_REQUESTED,
            REVIEWER,
            needs_comment=True,
        ),
        Transition(
            Action.ACCEPT, frozenset({Status.UNDER_REVIEW}), Status.ACCEPTED, REVIEWER
        ),
        Transition(
            Action.REJECT,
            frozenset({Status.UNDER_REVIEW}),
            Status.REJECTED,
            REVIEWER,
            needs_comment=True,
        ),
    )
}

# What a person is told the step does, e.g. on a confirmation page.
VERBS = {
    Action.SUBMIT: gettext_lazy("submit"),
    Action.RESUBMIT: gettext_lazy("submit again"),
    Action.WITHDRAW: gettext_lazy("withdraw"),
    Action.START_REVIEW: gettext_lazy("start the review of"),
    Action.REQUEST_CHANGES: gettext_lazy("request changes to"),
    Action.ACCEPT: gettext_lazy("accept"),
    Action.REJECT: gettext_lazy("reject"),
}


class TransitionError(Exception):
    """A step refused: ``message`` says why, in the active language."""

    def __init__(self, message, missing=None):
        super().__init__(message)
        self.message = message
        self.missing = missing or []


def has_role(user, proposal, role):
    if role == REVIEWER:
        return is_reviewer(user)
    return may_speak_for_province(user, proposal.province)


def submit_action(proposal):
    return (
        Action.RESUBMIT
        if proposal.status == Status.CHANGES_REQUESTED
        else Action.SUBMIT
    )


def available(user, proposal):
    """The steps ``user`` may take on ``proposal`` now."""
    return [
        transition
        for transition in TRANSITIONS.values()
        if proposal.status in transition.sources
        and has_role(user, proposal, transition.role)
    ]


def missing_fields(proposal):
    """[(field name or None, message)] of what ``proposal`` lacks to be submitted."""
    missing = []
    for name in REQUIRED_FIELDS:
        field = Proposal._meta.get_field(name)
        if field.many_to_many:
            empty = proposal.pk is None or not getattr(proposal, name).exists()
        else:
            empty = getattr(proposal, field.attname) in (None, "")
        if empty:
            missing.append(
                (
                    name,
                    _("%(field)s is needed.") % {"field": capfirst(field.verbose_name)},
                )
            )
    if proposal.modality and proposal.argentina_role:
        allowed = Participation.ROLES_BY_MODALITY[proposal.modality]
        if proposal.argentina_role not in allowed:
            missing.append(
                (
                    "argentina_role",
                    _(
                        "In a proposal of modality “%(modality)s”, Argentina's role "
                        "cannot be “%(role)s”."
                    )
                    % {
                        "modality": proposal.get_modality_display(),
                        "role": proposal.get_argentina_role_display(),
                    },
                )
            )
    has_endorsement = (
        proposal.pk is not None
        and proposal.attachments.filter(
            kind=ProposalAttachment.Kind.ENDORSEMENT
        ).exists()
    )
    if not has_endorsement:
        missing.append((None, _("Attach the endorsement letter.")))
    return missing


def call_problems(proposal):
    """[(field, message)] of why ``proposal`` cannot be sent to its call now: the
    call is closed or not open yet, or not open to its province. Only a first
    submission asks: a proposal sent in time may be sent again after the deadline."""
    call = proposal.call
    if call is None or proposal.status != Status.DRAFT:
        return []
    if call.has_closed():
        return [
            (
                "call",
                _(
                    "The call “%(call)s” closed on %(day)s: it takes no new "
                    "proposals. Your draft is kept; to send it outside any call, "
                    "choose “None” here."
                )
                % {"call": call.title, "day": date_format(call.closes_on)},
            )
        ]
    if not call.is_open():
        return [
            (
                "call",
                _("The call “%(call)s” opens on %(day)s: send your proposal then.")
                % {"call": call.title, "day": date_format(call.opens_on)},
            )
        ]
    if not call.admits(proposal.province):
        return [
            (
                "call",
                _(
                    "The call “%(call)s” is not open to your province: choose "
                    "another call, or none."
                )
                % {"call": call.title},
            )
        ]
    return []


def start_of_today():
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def steps_today(user, action):
    return ProposalEvent.objects.filter(
        actor=user, action=action, created_at__gte=start_of_today()
    ).count()


def check_daily_limit(user, action, limit, message):
    """Refuse a step once ``user`` has taken it ``limit`` times today. The user's row
    is locked first, so two requests at once cannot both pass."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if steps_today(user, action) >= limit:
        raise TransitionError(message % {"limit": limit})


def record(proposal, user, action, from_status, comment=""):
    event = ProposalEvent.objects.create(
        proposal=proposal,
        actor=user,
        actor_name=(user.get_full_name() or user.get_username())[:150],
        action=action,
        from_status=from_status,
        to_status=proposal.status,
        comment=comment,
    )
    if concerns_anyone(action, from_status):
        transaction.on_commit(lambda: notify.enqueue(event.pk))
    return event


def start(proposal, user):
    """Save a new draft for the user's province and record it."""
    if province_of(user) is None:
        raise TransitionError(_("Only focal-point accounts can start proposals."))
    with transaction.atomic():
        check_daily_limit(
            user,
            Action.CREATE,
            settings.DGCIN_PROPOSAL_DRAFTS_PER_DAY,
            _(
                "You have started %(limit)s proposals today, the most allowed in a "
                "day. You can start another one tomorrow."
            ),
        )
        proposal.province = province_of(user)
        proposal.created_by = user
        proposal.status = Status.DRAFT
        proposal.save()
        record(proposal, user, Action.CREATE, "")
    return proposal


def apply(proposal, action, user, comment="", directorate=None, programme=None):
    """Take the step ``action`` on ``proposal`` as ``user``, or raise TransitionError.

    Accepting makes a draft project of ``directorate`` (by default the call's,
    or the reviewer's own when they work in exactly one), in ``programme`` (by
    default the call's). Returns the recorded event. Nothing is
    saved when the step is refused."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(_("This is not a step a proposal can take."))
    comment = comment.strip()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not has_role(user, proposal, transition.role):
            raise TransitionError(
                _("You are not allowed to %(verb)s this proposal.")
                % {"verb": VERBS[action]}
            )
        if proposal.status not in transition.sources:
            raise TransitionError(
                _("You cannot %(verb)s this proposal: it is “%(status)s”.")
                % {"verb": VERBS[action], "status": proposal.get_status_display()}
            )
        if transition.needs_comment and not comment:
            raise TransitionError(
                _(
                    "Write a comment for the focal point: it is needed to %(verb)s "
                    "a proposal."
                )
                % {"verb": VERBS[action]}
            )
        submitting = action in (Action.SUBMIT, Action.RESUBMIT)
        if submitting and (missing := missing_fields(proposal)):
            raise TransitionError(
                _("The proposal is not complete yet."), missing=missing
            )
        if action == Action.SUBMIT and (problems := call_problems(proposal)):
            raise TransitionError(problems[0][1], missing=problems)
        if action == Action.SUBMIT:
            check_daily_limit(
                user,
                Action.SUBMIT,
                settings.DGCIN_PROPOSAL_SUBMISSIONS_PER_DAY,
                _(
                    "You have submitted %(limit)s proposals today, the most allowed "
                    "in a day. Your draft is saved: you can submit it tomorrow."
                ),
            )
        from_status = proposal.status
        proposal.status = transition.target
        if action == Action.SUBMIT and proposal.submitted_at is None:
            proposal.submitted_at = timezone.now()
        if action == Action.ACCEPT:
            directorate = directorate or default_directorate(user, proposal)
            if directorate is None:
                raise TransitionError(
                    _(
                        "Choose the directorate that will own the project before "
                        "accepting the proposal."
                    )
                )
            proposal.project = create_project(proposal, user, directorate, programme)
        proposal.save()
        return record(proposal, user, action, from_status, comment)
