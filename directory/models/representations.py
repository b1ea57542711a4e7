"""Argentine diplomatic representations abroad."""

from django.db import models
from django.db.models import Case, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.collation import Collated

from .units import to_e164, validate_international_number


class RepresentationQuerySet(models.QuerySet):
    def for_listing(self):
        """Grouped as the regions are: each wider region, then its sub-regions,
        then countries without a region."""
        return (
            self.select_related("country", "country__region", "country__region__parent")
            .annotate(
                region_group=Coalesce(
                    "country__region__parent__position",
                    "country__region__position",
                    Value(32767),
                ),
                is_subregion=Case(
                    When(country__region__parent__isnull=True, then=Value(0)),
                    default=Value(1),
                ),
            )
            .order_by(
                "region_group",
                "is_subregion",
                "country__region__position",
                Collated("country__name"),
                "kind",
                "city",
            )
        )


class Representation(models.Model):
    """An Argentine diplomatic representation abroad: the foreign-policy network."""

    class Kind(models.TextChoices):
        EMBASSY = "embassy", _("Embassy")
        CONSULATE_GENERAL = "consulate-general", _("Consulate general")
        CONSULATE = "consulate", _("Consulate")
        PERMANENT_MISSION = "permanent-mission", _("Permanent mission")

    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="representations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    city = models.CharField(_("city"), max_length=100)
    address = models.TextField(_("address"), blank=True, default="")
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        default="",
        validators=[validate_international_number],
    )
    email = models.EmailField(_("e-mail"), blank=True, default="")
    website = models.URLField(_("website"), blank=True, default="")
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = RepresentationQuerySet.as_manager()

    class Meta:
        ordering = [Collated("country__name"), "kind", "city"]
        verbose_name = _("diplomatic representation")
        verbose_name_plural = _("diplomatic representations")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "kind", "city"],
                name="directory_representation_unique",
                violation_error_message=_(
                    "There is already a representation of this kind in this city."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.city} ({self.country})"

    def get_absolute_url(self):
        return f"{reverse('directory:representation-list')}#{self.country.code.lower()}"

    @property
    def tel_uri(self):
        return f"tel:{to_e164(self.phone)}" if self.phone else ""
