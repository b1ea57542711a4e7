"""The DAC sectors a project works in, with their shares."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .reference import Sector

PERCENTAGE_RANGE = _("A percentage is above 0 and at most 100.")


class ProjectSector(models.Model):
    """A DAC 5-digit sector and its share of the project; shares add up to 100."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="sectors",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("DAC sector"), on_delete=models.PROTECT, related_name="+"
    )
    percentage = models.DecimalField(
        _("percentage"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01"), message=PERCENTAGE_RANGE),
            MaxValueValidator(100, message=PERCENTAGE_RANGE),
        ],
    )

    class Meta:
        ordering = ["project", "-percentage"]
        verbose_name = _("DAC sector share")
        verbose_name_plural = _("DAC sectors")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "sector"],
                name="projects_projectsector_unique",
                violation_error_message=_("This sector is already listed."),
            ),
            models.CheckConstraint(
                condition=Q(percentage__gt=0, percentage__lte=100),
                name="projects_projectsector_percentage_range",
                violation_error_message=PERCENTAGE_RANGE,
            ),
        ]

    def __str__(self):
        return f"{self.sector.code} ({self.percentage}%)"
