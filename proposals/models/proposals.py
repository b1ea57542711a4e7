"""Project proposals that provincial focal points submit, and their review."""

import secrets
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.files import removes_files
from projects.models import Participation, Project
from projects.validators import validate_attachment_file

from .calls import Call

# How many attachments a proposal may carry.
MAX_ATTACHMENTS = 10


def attachment_upload_path(instance, filename):
    """A random name in a folder of its own, outside the static files: the person's
    file name is kept in the database only, for the download."""
    return f"proposals/{secrets.token_hex(16)}{Path(filename).suffix.lower()[:10]}"


class Proposal(models.Model):
    """A South-South or triangular cooperation proposal from a province."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under-review", _("Under review")
        CHANGES_REQUESTED = "changes-requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The focal point may change the proposal's text and files only in these states.
    EDITABLE = {Status.DRAFT, Status.CHANGES_REQUESTED}

    province = models.ForeignKey(
        "partners.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    call = models.ForeignKey(
        Call,
        verbose_name=_("call for proposals"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("The call the proposal answers; empty when it answers none."),
    )
    project = models.OneToOneField(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        help_text=_("The project created when the proposal was accepted."),
    )

    # The proposal
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"),
        blank=True,
        default="",
        help_text=_("What the project would do, in a few lines."),
    )
    background = models.TextField(
        _("background and problem"),
        blank=True,
        default="",
        help_text=_(
            "The situation the project responds to, and the problem it addresses."
        ),
    )
    general_objective = models.TextField(_("general objective"), blank=True, default="")
    specific_objectives = models.TextField(
        _("specific objectives"),
        blank=True,
        default="",
        help_text=_("One per line."),
    )
    expected_results = models.TextField(
        _("expected results"),
        blank=True,
        default="",
        help_text=_("What will exist or change at the end; one per line."),
    )
    target_population = models.TextField(
        _("target population"),
        blank=True,
        default="",
        help_text=_("Who benefits, where, and roughly how many people."),
    )

    # Cooperation
    modality = models.CharField(
        _("modality"), max_length=20, choices=Project.Modality, blank=True, default=""
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=20,
        choices=Project.Instrument,
        blank=True,
        default="",
    )
    argentina_role = models.CharField(
        _("Argentina's role"),
        max_length=20,
        choices=Participation.SegibRole,
        blank=True,
        default="",
        help_text=_(
            "Bilateral and multilateral: provider, recipient or both. Triangular: "
            "first provider, second provider or recipient. Regional: participant."
        ),
    )
    partner_countries = models.ManyToManyField(
        "partners.Country",
        verbose_name=_("partner countries"),
        blank=True,
        related_name="+",
    )
    partner_institutions = models.TextField(
        _("partner institutions"),
        blank=True,
        default="",
        help_text=_("For each partner country, the institutions that would take part."),
    )
    executing_institution = models.CharField(
        _("Argentine executing institution"),
        max_length=300,
        blank=True,
        default="",
    )

    # Classification
    segib_sector = models.ForeignKey(
        "projects.SegibSector",
        verbose_name=_("SEGIB sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dac_sector = models.ForeignKey(
        "projects.Sector",
        verbose_name=_("DAC sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sdg_goals = models.ManyToManyField(
        "projects.SdgGoal",
        verbose_name=_("Sustainable Development Goals"),
        blank=True,
        related_name="+",
    )

    # Duration and money
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), null=True, blank=True
    )
    estimated_budget = models.DecimalField(
        _("estimated budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    currency = models.ForeignKey(
        "projects.Currency",
        verbose_name=_("currency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cofinancing = models.TextField(
        _("co-financing"),
        blank=True,
        default="",
        help_text=_(
            "Contributions of the province, the partners or others: who, what and "
            "how much."
        ),
    )

    # Endorsement and contact
    endorsing_authority = models.CharField(
        _("endorsing authority"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("Name and position of the provincial authority that endorses it."),
    )
    contact_name = models.CharField(
        _("contact person"), max_length=150, blank=True, default=""
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True, default="")
    contact_phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, default=""
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        permissions = [("review_proposal", _("Can review proposals"))]
        indexes = [
            models.Index(fields=["province", "-updated_at"]),
            models.Index(fields=["status", "-updated_at"]),
        ]

    def __str__(self):
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self):
        return reverse("proposals:proposal-detail", kwargs={"pk": self.pk})

    @property
    def reference(self):
        """The number people quote: year of creation and id, e.g. 2026-0042."""
        year = self.created_at.year if self.created_at else ""
        return f"{year}-{self.pk or 0:04d}"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE


class ProposalAttachment(models.Model):
    class Kind(models.TextChoices):
        ENDORSEMENT = "endorsement", _("Endorsement letter")
        CONCEPT_NOTE = "concept-note", _("Concept note")
        BUDGET = "budget", _("Budget sheet")
        WORK_PLAN = "work-plan", _("Work plan")
        OTHER = "other", _("Other")

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_path,
        validators=[validate_attachment_file],
        max_length=200,
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["proposal", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse(
            "proposals:attachment-download",
            kwargs={"pk": self.proposal_id, "attachment": self.pk},
        )


# An attachment's file goes once its deletion (its proposal's too) commits.
removes_files(ProposalAttachment)


class ProposalEvent(models.Model):
    """One step of a proposal's life: who moved it from which state to which."""

    class Action(models.TextChoices):
        CREATE = "create", _("Draft started")
        SUBMIT = "submit", _("Submitted")
        RESUBMIT = "resubmit", _("Resubmitted with changes")
        WITHDRAW = "withdraw", _("Withdrawn")
        START_REVIEW = "start-review", _("Review started")
        REQUEST_CHANGES = "request-changes", _("Changes requested")
        ACCEPT = "accept", _("Accepted")
        REJECT = "reject", _("Rejected")

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    actor_name = models.CharField(
        _("by (name)"),
        max_length=150,
        help_text=_("Kept as it was when the step was taken."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    from_status = models.CharField(
        _("from"), max_length=20, choices=Proposal.Status, blank=True, default=""
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Proposal.Status)
    comment = models.TextField(_("comment"), blank=True, default="")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["proposal", "created_at", "pk"]
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")
        indexes = [models.Index(fields=["actor", "action", "created_at"])]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
