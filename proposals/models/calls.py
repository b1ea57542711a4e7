"""Calls for proposals: DGCIN asks the provinces for proposals before a joint
commission with a partner country."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class CallQuerySet(models.QuerySet):
    def open(self, day=None):
        """Calls taking proposals on ``day`` (today in Argentina by default)."""
        day = day or timezone.localdate()
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def for_province(self, province):
        """Calls ``province`` may answer: those naming it, and those naming none
        (each call joins at most one row that matches, so none repeats)."""
        return self.filter(Q(provinces=province) | Q(provinces__isnull=True))


class Call(models.Model):
    """A call for proposals DGCIN opens before a joint commission with a partner
    country: provinces answer it until its deadline, and the proposals accepted
    become draft projects of the programme it prepares."""

    directorate_path = "directorate"

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_(
            "As focal points will read it, e.g. “Convocatoria para la VII Comisión "
            "Mixta Argentina–Bolivia”."  # noqa: RUF001
        ),
    )
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("partner country"),
        on_delete=models.PROTECT,
        related_name="calls",
    )
    commission = models.ForeignKey(
        "projects.JointCommission",
        verbose_name=_("joint commission"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        help_text=_("The joint commission the call prepares, once it is scheduled."),
    )
    programme = models.ForeignKey(
        "projects.Programme",
        verbose_name=_("bilateral programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        help_text=_(
            "Accepted proposals become draft projects of this programme. Set it "
            "when the commission has approved the programme."
        ),
    )
    directorate = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("directorate"),
        on_delete=models.PROTECT,
        related_name="calls",
        help_text=_("The directorate that runs the call; accepted proposals go to it."),
    )
    description = models.TextField(
        _("description"),
        help_text=_("What the call looks for: priorities, sectors, how to answer."),
    )
    eligible = models.TextField(
        _("who may answer"),
        blank=True,
        default="",
        help_text=_(
            "Institutions that may take part besides the provinces, e.g. national "
            "universities and agencies."
        ),
    )
    provinces = models.ManyToManyField(
        "partners.Province",
        verbose_name=_("provinces that may answer"),
        blank=True,
        related_name="calls",
        help_text=_("Leave empty when every province may answer."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("deadline"),
        help_text=_("Proposals are received until 23:59 of this day (Argentina)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_on", "-pk"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__lte=F("closes_on")),
                name="proposals_call_opens_before_deadline",
                violation_error_message=_("The deadline is before the opening."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Saves the call; when its programme is set or changed, the draft
        projects of its accepted proposals that have no programme yet join it (a
        commission often approves the programme after the selection)."""
        saved = (
            type(self).objects.filter(pk=self.pk).values_list("programme", flat=True)
            if self.pk
            else []
        )
        before = next(iter(saved), None)
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if self.programme_id and self.programme_id != before:
                self.drafts_join_programme()

    def get_absolute_url(self):
        return reverse("proposals:call-detail", kwargs={"pk": self.pk})

    def drafts_join_programme(self):
        """Put the draft projects of the call's accepted proposals that have no
        programme in the call's; each saved on its own, so that its history,
        search and counts follow."""
        from .proposals import Proposal  # it imports this module

        drafts = Project.objects.filter(
            proposal__call=self,
            proposal__status=Proposal.Status.ACCEPTED,
            programme__isnull=True,
            publication=Project.Publication.DRAFT,
        )
        for project in drafts.order_by("pk"):
            project.programme_id = self.programme_id
            project.save()

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def has_closed(self, day=None):
        return (day or timezone.localdate()) > self.closes_on

    def admits(self, province):
        """Whether ``province`` may answer (every province when none is named)."""
        names = list(self.provinces.all())
        return not names or province in names

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The deadline is before the opening.")
        if self.country_id and self.country.code == settings.HOME_COUNTRY:
            errors["country"] = _("Choose the partner country, not Argentina.")
        if self.commission_id and self.commission.country_id != self.country_id:
            errors["commission"] = _("This joint commission is with another country.")
        if self.programme_id and (
            self.programme.commission.country_id != self.country_id
        ):
            errors["programme"] = _("This programme is with another country.")
        elif (
            self.programme_id
            and self.commission_id
            and self.programme.commission_id != self.commission_id
        ):
            errors["programme"] = _(
                "This programme was approved at another joint commission: choose "
                "the programme of the call's commission, or that commission."
            )
        if errors:
            raise ValidationError(errors)
