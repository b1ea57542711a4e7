"""Where a project happens, within countries: an Argentine province or a first-level
division of a partner country (``partners.Subdivision`` with an ISO 3166-2 code,
never a municipality), optionally a named place, what kind of place it is (IATI
GeographicLocationClass) and a point (WGS 84 latitude and longitude) with how
exactly it is known (IATI GeographicExactness).

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

from .iati_codes import GeographicExactness, GeographicLocationClass
from .project import partner_country_ids

# The divisions a location may be in: first-level ones, which have an ISO 3166-2
# code (municipalities, which staff add for decentralised cooperation, have none).
FIRST_LEVEL = ~Q(code="") & ~Q(kind="municipality")


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
        limit_choices_to=FIRST_LEVEL,
        help_text=_(
            "A state, region or department of one of the partner countries (a "
            "first-level division, not a municipality: name the town as the place)."
        ),
    )
    place = models.CharField(
        _("place"),
        max_length=150,
        blank=True,
        default="",
        help_text=_("Optional: the city or site, e.g. Santa Cruz de la Sierra."),
    )
    location_class = models.CharField(
        _("kind of place"),
        max_length=1,
        choices=GeographicLocationClass,
        default=GeographicLocationClass.POPULATED_PLACE,
        help_text=_(
            "What the place is: a town or city is a populated place; a building or "
            "site (a hospital, a laboratory, a research station) a structure; a "
            "river, lake or mountain another topographical feature. Without a "
            "place, the location is the province or division itself."
        ),
    )
    latitude = coordinate(_("latitude"), 90)
    longitude = coordinate(_("longitude"), 180)
    exactness = models.CharField(
        _("exactness of the point"),
        max_length=1,
        choices=GeographicExactness,
        default=GeographicExactness.APPROXIMATE,
        help_text=_(
            "Exact when the point is the place itself (the building, the station); "
            "approximate when it stands for a town or an area."
        ),
    )
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

    @property
    def iati_class(self):
        """The IATI location class: the one chosen for a named place, else an
        administrative region (the province or division itself)."""
        if not self.place:
            return GeographicLocationClass.ADMINISTRATIVE_REGION
        return self.location_class

    @property
    def iati_exactness(self):
        """How exactly the point is known; None without a point."""
        return self.exactness if self.has_point else None

    def partner_country_ids(self):
        """The countries of the project's partners (those typed in the same form,
        in the admin)."""
        return partner_country_ids(self)

    def in_first_level_division(self):
        """Whether the division is one ``FIRST_LEVEL`` lets staff choose."""
        division = self.subdivision
        return bool(division.code) and division.kind != "municipality"

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
        elif self.subdivision_id and not self.in_first_level_division():
            errors["subdivision"] = _(
                "%(division)s is not a first-level division (a state, region or "
                "department): choose the one it is in and name the town as the "
                "place."
            ) % {"division": self.subdivision.name}
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
