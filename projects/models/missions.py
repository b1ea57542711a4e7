"""Technical missions: what FO.AR pays for.

The Argentine Fund for South-South and Triangular Cooperation funds a project's
work mainly as missions: Argentine experts travel to the partner country, the
partner's technicians come to Argentina, or both sides meet online. A mission is
the unit of work (experts by days) and of cost (tickets, per diems).
"""

import secrets
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..files import removes_files
from ..validators import validate_document_file
from .project import partner_country_ids
from .reference import Currency

COST_FIELDS = ("cost_tickets", "cost_per_diems", "cost_other")
DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")


def mission_report_upload_path(instance, filename):
    """Random stored names, as for project documents."""
    return (
        f"mission-reports/{secrets.token_hex(16)}{Path(filename).suffix.lower()[:10]}"
    )


def cost_field(verbose_name, help_text=""):
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=help_text,
    )


def ends_before_start(start, end):
    return start is not None and end is not None and end < start


def inclusive_days(start, end):
    """Days from ``start`` to ``end``, both counted: a one-day mission is 1."""
    return (end - start).days + 1


class Mission(models.Model):
    class Direction(models.TextChoices):
        OUTBOUND = "outbound", _("Argentine experts travel to the partner country")
        INBOUND = "inbound", _("Partner country technicians come to Argentina")
        VIRTUAL = "virtual", _("Virtual")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="missions",
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction, default=Direction.OUTBOUND
    )
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("partner country"),
        on_delete=models.PROTECT,
        related_name="missions",
        help_text=_(
            "The country the experts travel to, or the technicians come from: one "
            "of the project's partner countries."
        ),
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    experts = models.PositiveSmallIntegerField(
        _("experts"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many experts or technicians travel (or take part)."),
    )
    institutions = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("institutions"),
        blank=True,
        related_name="missions",
        help_text=_("The institutions the experts or technicians belong to."),
    )
    days = models.PositiveSmallIntegerField(
        _("days"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Leave it empty to count the days from the actual dates, or else the "
            "planned ones, first and last day included."
        ),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        default="",
        help_text=_(
            "The city where the mission takes place, e.g. Santa Cruz de la Sierra."
        ),
    )
    purpose = models.TextField(_("purpose"), blank=True, default="")
    report = models.FileField(
        _("mission report"),
        upload_to=mission_report_upload_path,
        blank=True,
        validators=[validate_document_file],
        help_text=_("PDF, Word, Excel, OpenDocument or image; 20 MB at most."),
    )
    report_is_public = models.BooleanField(
        _("publish the report"),
        default=False,
        help_text=_(
            "Offer the report for download on the project's public page. Leave it "
            "unticked when it holds personal data or what the partner asked to "
            "keep private."
        ),
    )
    cost_tickets = cost_field(_("tickets"))
    cost_per_diems = cost_field(_("per diems"))
    cost_other = cost_field(
        _("other costs"), _("What FO.AR pays besides tickets and per diems.")
    )
    currency = models.ForeignKey(
        Currency,
        verbose_name=_("currency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The currency of the costs."),
    )

    class Meta:
        ordering = ["planned_start", "pk"]
        verbose_name = _("technical mission")
        verbose_name_plural = _("technical missions")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("planned_start")),
                name="projects_mission_planned_dates",
                violation_error_message=_("The mission ends before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True)
                | Q(actual_end__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="projects_mission_actual_dates",
                violation_error_message=_("The mission ends before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(experts__gte=1),
                name="projects_mission_experts",
                violation_error_message=_("A mission has at least one expert."),
            ),
            models.CheckConstraint(
                condition=Q(**{f"{name}__isnull": True for name in COST_FIELDS})
                | Q(currency__isnull=False),
                name="projects_mission_costs_have_currency",
                violation_error_message=_("Costs need their currency."),
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0}),
                    name=f"projects_mission_{name}_not_negative",
                    violation_error_message=_("A cost cannot be negative."),
                )
                for name in COST_FIELDS
            ),
        ]

    def __str__(self):
        start = self.start_date
        return _("%(direction)s: %(country)s, %(start)s") % {
            "direction": self.get_direction_display(),
            "country": self.country.name if self.country_id else "—",
            "start": formats.date_format(start) if start else "—",
        }

    def save(self, *args, **kwargs):
        if self.days is None or self.days_follow_the_dates():
            self.days = self.counted_days()
            if self.days is not None and "update_fields" in kwargs:
                kwargs["update_fields"] = {*kwargs["update_fields"], "days"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.project.get_absolute_url()

    def days_follow_the_dates(self):
        """Whether the saved days were counted from the saved dates (nobody typed
        another number): then new dates count them again. One query, for a row
        already saved."""
        if self.pk is None:
            return False
        saved = (
            type(self)
            ._default_manager.filter(pk=self.pk)
            .only(*DATE_FIELDS, "days")
            .first()
        )
        if saved is None or saved.days != saved.counted_days():
            return False
        return self.days == saved.days and any(
            getattr(self, name) != getattr(saved, name) for name in DATE_FIELDS
        )

    @property
    def start_date(self):
        return self.actual_start or self.planned_start

    @property
    def end_date(self):
        return self.actual_end or self.planned_end

    @property
    def expert_days(self):
        """Experts times days: the measure of a mission's work."""
        if self.experts is None or self.days is None:
            return None
        return self.experts * self.days

    def counted_days(self):
        """Days from the actual dates when both are known, else the planned ones."""
        if self.actual_start and self.actual_end:
            return inclusive_days(self.actual_start, self.actual_end)
        if self.planned_start and self.planned_end:
            return inclusive_days(self.planned_start, self.planned_end)
        return None

    def partner_country_ids(self):
        """The countries of the project's partners (those typed in the same form,
        in the admin)."""
        return partner_country_ids(self)

    def clean(self):
        # Each message beside the field to change.
        errors = {}
        if ends_before_start(self.planned_start, self.planned_end):
            errors["planned_end"] = _("The mission ends before it starts.")
        if self.actual_end and not self.actual_start:
            errors["actual_start"] = _("Give the day the mission started too.")
        elif ends_before_start(self.actual_start, self.actual_end):
            errors["actual_end"] = _("The mission ends before it starts.")
        for name, error in self.future_errors().items():
            errors.setdefault(name, error)
        if not errors.keys() & set(DATE_FIELDS) and (error := self.days_error()):
            errors["days"] = error
        if self.country_id and (error := self.country_error()):
            errors["country"] = error
        costs = [getattr(self, name) for name in COST_FIELDS]
        if any(cost is not None for cost in costs) and not self.currency_id:
            errors["currency"] = _("Costs need their currency.")
        if errors:
            raise ValidationError(errors)

    def future_errors(self):
        """Actual dates are what happened: never in the future."""
        today = timezone.localdate()
        errors = {}
        if self.actual_start and self.actual_start > today:
            errors["actual_start"] = _(
                "The actual start cannot be in the future: record it once the "
                "mission has started."
            )
        if self.actual_end and self.actual_end > today:
            errors["actual_end"] = _(
                "The actual end cannot be in the future: record it once the mission "
                "has ended."
            )
        return errors

    def days_error(self):
        """Why the typed days are too many for the dates (actual, else planned),
        or None. Days the portal counted from the saved dates follow new dates on
        save, so they are not the user's to correct."""
        counted = self.counted_days()
        if self.days is None or counted is None or self.days <= counted:
            return None
        if self.days_follow_the_dates():
            return None
        return ngettext(
            "By its dates the mission lasts %(count)d day, first and last included: "
            "it cannot have more days.",
            "By its dates the mission lasts %(count)d days, first and last "
            "included: it cannot have more days.",
            counted,
        ) % {"count": counted}

    def country_error(self):
        """Why the mission's country cannot be chosen, or None."""
        if self.country.code == settings.HOME_COUNTRY:
            return _(
                "Choose the partner country the experts travel to or come from, "
                "not Argentina."
            )
        if self.country_id not in self.partner_country_ids():
            return _(
                "%(country)s is not a partner of this project: add it to the "
                "project's partners first."
            ) % {"country": self.country.name}
        return None


def mission_changed(sender, **kwargs):
    """Mission figures are cached with the projects' counts (projects.facets)."""
    from .. import facets

    facets.invalidate(**kwargs)


post_save.connect(mission_changed, sender=Mission, dispatch_uid="missions.saved")
post_delete.connect(mission_changed, sender=Mission, dispatch_uid="missions.deleted")

# A deleted mission's report, or a replaced one, goes once the change commits.
removes_files(Mission)
