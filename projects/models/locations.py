"""Where a project happens, within countries: an Argentine province or a first-level
division of a partner country (``partners.Subdivision``, ISO 3166-2), optionally a
named place and a point (WGS 84 latitude and longitude).

A location in an Argentine province also makes the province one of the project's
provinces, so the catalogue's province filter and the provinces' map count it.
IATI: ``opendata.iati_locations``.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from .project import partner_country_ids


def coordinate(verbose_name, limit):
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-limit)), MaxValueValidator(limit)],
    )


class Location(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    province = models.ForeignKey(
        "partners.Province",
        verbose_name=_("Argentine province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
    )
    subdivision = models.ForeignKey(
        "partners.Subdivision",
        verbose_name=_("division of a partner country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        help_text=_("A state, region or department of one of the partner countries."),
    )
    place = models.CharField(
        _("place"),
        max_length=150,
        blank=True,
        default="",
        help_text=_("Optional: the city or site, e.g. Santa Cruz de la Sierra."),
    )
    latitude = coordinate(_("latitude"), 90)
    longitude = coordinate(_("longitude"), 180)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(province__isnull=False, subdivision__isnull=True)
                | Q(province__isnull=True, subdivision__isnull=False),
                name="projects_location_province_or_subdivision",
                violation_error_message=_(
                    "Choose an Argentine province or a division of a partner "
                    "country, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="projects_location_point_whole",
                violation_error_message=_("A point needs its latitude and longitude."),
            ),
        ]

    def __str__(self):
        area = self.province or self.subdivision
        return f"{self.place}, {area}" if self.place else str(area)

    @property
    def area(self):
        return self.province or self.subdivision

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    def partner_country_ids(self):
        """The countries of the project's partners (those typed in the same form,
        in the admin)."""
        return partner_country_ids(self)

    def clean(self):
        # Beside the fields (which also spares the database constraints' messages).
        errors = {}
        if self.province_id and self.subdivision_id:
            errors["subdivision"] = _(
                "Choose an Argentine province or a division of a partner country, "
                "not both."
            )
        elif not self.province_id and not self.subdivision_id:
            errors["province"] = _(
                "Choose an Argentine province or a division of a partner country."
            )
        elif (
            self.subdivision_id
            and self.subdivision.country_id not in self.partner_country_ids()
        ):
            errors["subdivision"] = _(
                "%(country)s is not a partner of this project: add it to the "
                "project's partners first."
            ) % {"country": self.subdivision.country.name}
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("A point needs its latitude and longitude.")
        if errors:
            raise ValidationError(errors)


def province_located(sender, instance, raw=False, **kwargs):
    """A location in an Argentine province makes it one of the project's."""
    if not raw and instance.province_id:
        instance.project.provinces.add(instance.province_id)


post_save.connect(province_located, sender=Location, dispatch_uid="locations.saved")
