"""Joint commissions and the bilateral programmes they approve.

A Joint Commission (Comisión Mixta de Cooperación Técnica) is a numbered meeting
with one partner country ("VI Reunión"); it approves a bilateral programme ("III
Programa de Cooperación Técnica Argentina-Bolivia 2016-2018"), usually for two
years, reviewed at a mid-term evaluation meeting. The programme's projects point at
it (``Project.programme``).
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..files import removes_files
from ..identifiers import PROGRAMME, give_identifier
from ..validators import validate_document_file

NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number):
    """6 -> "VI": the way meetings and programmes are numbered."""
    letters = []
    for value, numeral in NUMERALS:
        count, number = divmod(number, value)
        letters.append(numeral * count)
    return "".join(letters)


def minutes_upload_path(instance, filename):
    """Random stored names, as for project documents."""
    return f"minutes/{secrets.token_hex(16)}{Path(filename).suffix.lower()[:10]}"


class JointCommission(models.Model):
    # Who may change it: accounts.permissions.editable_in_directorates.
    directorate_path = "directorate"

    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("partner country"),
        on_delete=models.PROTECT,
        related_name="joint_commissions",
    )
    number = models.PositiveSmallIntegerField(
        _("meeting number"),
        validators=[MinValueValidator(1)],
        help_text=_("6 for the “VI Reunión”."),
    )
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True, default="")
    minutes = models.FileField(
        _("minutes"),
        upload_to=minutes_upload_path,
        blank=True,
        validators=[validate_document_file],
        help_text=_(
            "The signed minutes (acta): PDF, Word or OpenDocument; 20 MB at most."
        ),
    )
    minutes_are_public = models.BooleanField(
        _("publish the minutes"),
        default=False,
        help_text=_(
            "Offer the minutes for download on the public page of the programmes "
            "it approved. Leave it unticked when they hold personal data or what "
            "the partner asked to keep private."
        ),
    )
    directorate = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("directorate"),
        on_delete=models.PROTECT,
        related_name="joint_commissions",
        help_text=_("The directorate that prepares the meeting and may edit it."),
    )

    class Meta:
        ordering = ["country", "-number"]
        verbose_name = _("joint commission")
        verbose_name_plural = _("joint commissions")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "number"],
                name="projects_jointcommission_country_number",
                violation_error_message=_(
                    "This partner country already has a meeting with this number."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.date.year}"

    @property
    def name(self):
        """ "VI Reunión de la Comisión Mixta Argentina-Bolivia"."""
        # The en dash is literal: xgettext does not read \N{...} escapes.
        name = _("%(number)s Joint Commission Argentina–%(country)s")  # noqa: RUF001
        return name % {
            "number": roman(self.number),
            "country": self.country.name,
        }


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Programme(models.Model):
    directorate_path = "commission__directorate"

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in the programme's web address; change it only if you must."),
    )
    commission = models.ForeignKey(
        JointCommission,
        verbose_name=_("approved at"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    number = models.PositiveSmallIntegerField(
        _("programme number"),
        validators=[MinValueValidator(1)],
        help_text=_("3 for the “III Programa”."),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    midterm_date = models.DateField(_("mid-term evaluation"), null=True, blank=True)
    midterm_outcome = models.TextField(
        pgettext_lazy("evaluation", "outcome of the mid-term evaluation"),
        blank=True,
        default="",
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown on the public site, with its published projects."),
    )
    iati_identifier = models.CharField(
        _("IATI identifier"),
        max_length=150,
        blank=True,
        default="",
        help_text=_(
            "Built from DGCIN's organisation reference when the programme is first "
            "saved; stable afterwards. Its projects point at it in the IATI file."
        ),
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("bilateral programme")
        verbose_name_plural = _("bilateral programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="projects_programme_period",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~models.Q(iati_identifier=""),
                name="projects_programme_unique_iati_identifier",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if give_identifier(self, PROGRAMME):
            # The creation's history record: no change to show on the next one.
            self.history.filter(iati_identifier="").update(
                iati_identifier=self.iati_identifier
            )

    def get_absolute_url(self):
        return reverse("programmes:programme-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        dates = (self.period_start, self.midterm_date, self.period_end)
        if all(dates) and not dates[0] <= dates[1] <= dates[2]:
            errors["midterm_date"] = _(
                "The mid-term evaluation must fall within the programme's period."
            )
        outcomes = (
            getattr(self, f"midterm_outcome_{code}", "")
            for code, _name in settings.LANGUAGES
        )
        if any(outcome.strip() for outcome in outcomes if outcome) and not (
            self.midterm_date
        ):
            errors["midterm_date"] = _("Give the date of the evaluation it refers to.")
        if self.number and self.commission_id and self.same_number().exists():
            errors["number"] = _(
                "This partner country already has a programme with this number."
            )
        if errors:
            raise ValidationError(errors)

    def same_number(self):
        """The other programmes with the partner country of this one's commission
        and its number (the country lives on the commission, so no constraint of
        this table can hold the rule)."""
        others = Programme.objects.filter(
            number=self.number,
            commission__country=self.commission.country_id,
        )
        return others.exclude(pk=self.pk) if self.pk else others

    @property
    def has_ended(self):
        """Whether the programme's period is over (in Argentina's today)."""
        return self.period_end < timezone.localdate()

    @property
    def directorate(self):
        return self.commission.directorate

    @property
    def country(self):
        return self.commission.country


removes_files(JointCommission)
