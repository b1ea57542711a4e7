"""Money as it is really reported: a project's commitments, disbursements and
expenditures (IATI transactions), each one a participating partner's.

The budget (``money.Budget``, ``Participation.amount``) says what was planned; a
transaction says what a partner committed, paid out or spent, in cash or valued in
kind (experts' time, as SEGIB's report counts it). ``projects.costs`` adds them up
per partner, year and currency, with the missions FO.AR paid for.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .iati_codes import AidType
from .project import Participation
from .reference import Currency
from .results import short_date


class TransactionQuerySet(models.QuerySet):
    def executed(self):
        """Disbursements and expenditures: what was really paid or spent."""
        return self.filter(type__in=Transaction.EXECUTED)


class Transaction(models.Model):
    class Type(models.TextChoices):
        """IATI TransactionType, the codes a cooperation project reports."""

        COMMITMENT = "2", _("Outgoing commitment")
        DISBURSEMENT = "3", _("Disbursement")
        EXPENDITURE = "4", _("Expenditure")

    EXECUTED = (Type.DISBURSEMENT, Type.EXPENDITURE)

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="transactions",
    )
    participation = models.ForeignKey(
        Participation,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="transactions",
        help_text=_(
            "The participating partner whose money or contribution this is: one of "
            "the project's saved partners."
        ),
    )
    type = models.CharField(_("type"), max_length=1, choices=Type)
    date = models.DateField(_("transaction date"))
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    currency = models.ForeignKey(
        Currency, verbose_name=_("currency"), on_delete=models.PROTECT, related_name="+"
    )
    value_date = models.DateField(
        _("value date"),
        help_text=_("The date the value refers to, for currency conversion."),
    )
    in_kind = models.BooleanField(
        _("in kind"),
        default=False,
        help_text=_(
            "A valued in-kind contribution, e.g. expert time, as SEGIB reports it; "
            "leave it unticked for money."
        ),
    )
    description = models.TextField(_("description"), blank=True, default="")
    aid_type = models.CharField(
        _("aid type"),
        max_length=4,
        choices=AidType,
        blank=True,
        default="",
        help_text=_("The OECD DAC aid type, when it is known."),
    )

    objects = TransactionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        indexes = [
            models.Index(fields=["project", "date"], name="projects_transaction_date")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="projects_transaction_value_not_negative",
                violation_error_message=_("A transaction value cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(type__in=["2", "3", "4"]),
                name="projects_transaction_type",
                violation_error_message=_(
                    "Choose a commitment, a disbursement or an expenditure."
                ),
            ),
        ]

    def __str__(self):
        return _("%(type)s of %(date)s: %(value)s") % {
            "type": self.get_type_display(),
            "date": short_date(self.date),
            "value": formats.number_format(
                self.value, decimal_pos=2, use_l10n=True, force_grouping=True
            )
            if self.value is not None
            else "—",
        }

    def get_absolute_url(self):
        return self.project.get_absolute_url()

    @property
    def executed(self):
        return self.type in self.EXECUTED

    def clean(self):
        # Each message beside the field to change.
        errors = {}
        today = timezone.localdate()
        if self.date and self.date > today:
            errors["date"] = (
                _("A disbursement or expenditure cannot be dated in the future.")
                if self.executed
                else _(
                    "Record a commitment once it is made: it cannot be dated in the "
                    "future."
                )
            )
        if self.value_date and self.value_date > today:
            errors["value_date"] = _("The value date cannot be in the future.")
        if self.value is not None and self.value < 0:
            errors["value"] = _("A transaction value cannot be negative.")
        if self.participation_id and (error := self.participation_error()):
            errors["participation"] = error
        if errors:
            raise ValidationError(errors)

    def participation_error(self):
        """Why the partner cannot be chosen, or None."""
        project = self._state.fields_cache.get("project")
        project_id = self.project_id or (project.pk if project else None)
        if project_id is None:
            return None
        if self.participation.project_id != project_id:
            return _(
                "%(partner)s takes part in another project: choose one of this "
                "project's partners."
            ) % {"partner": self.participation.partner}
        return None


def transaction_changed(sender, **kwargs):
    """Executed figures are cached with the projects' counts (projects.facets)."""
    from .. import facets

    facets.invalidate(**kwargs)


post_save.connect(
    transaction_changed, sender=Transaction, dispatch_uid="transactions.saved"
)
post_delete.connect(
    transaction_changed, sender=Transaction, dispatch_uid="transactions.deleted"
)
