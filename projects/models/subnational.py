"""Decentralised cooperation: the subnational governments on both sides of a project.

A decentralised project (``Project.is_decentralised``, beside the modality, as SEGIB
counts it) names Argentine provinces, optionally one of their municipalities, and
foreign subnational governments (``partners.Subdivision``: states, regions,
departments, municipalities) of the project's partner countries. The rules that
take the rows together are in ``projects.rules`` (``subnational_errors``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from .project import partner_country_ids


class SubnationalParticipation(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="subnational_participations",
    )
    province = models.ForeignKey(
        "partners.Province",
        verbose_name=_("Argentine province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subnational_participations",
    )
    subdivision = models.ForeignKey(
        "partners.Subdivision",
        verbose_name=_("foreign subnational government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("A state, region or department of a partner country."),
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=150,
        blank=True,
        default="",
        help_text=_(
            "Optional: the municipality of that province or subnational government "
            "that takes part, e.g. Godoy Cruz."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("subnational partner")
        verbose_name_plural = _("subnational partners")
        constraints = [
            models.CheckConstraint(
                condition=Q(province__isnull=False, subdivision__isnull=True)
                | Q(province__isnull=True, subdivision__isnull=False),
                name="projects_subnational_province_or_subdivision",
                violation_error_message=_(
                    "Choose an Argentine province or a foreign subnational "
                    "government, not both."
                ),
            ),
        ]
        indexes = [models.Index(fields=["province", "project"])]

    def __str__(self):
        name = str(self.government) if self.government else "—"
        return f"{self.municipality} ({name})" if self.municipality else name

    @property
    def government(self):
        return self.province or self.subdivision

    @property
    def is_argentine(self):
        return self.province_id is not None

    def partner_country_ids(self):
        """The countries of the project's partners (those typed in the same form,
        in the admin)."""
        return partner_country_ids(self)

    def clean(self):
        # Beside the fields (which also spares the database constraint's message).
        if self.province_id and self.subdivision_id:
            raise ValidationError(
                {
                    "subdivision": _(
                        "Choose an Argentine province or a foreign subnational "
                        "government, not both: add another row for the other side."
                    )
                }
            )
        if not self.province_id and not self.subdivision_id:
            raise ValidationError(
                {
                    "province": _(
                        "Choose an Argentine province or a foreign subnational "
                        "government."
                    )
                }
            )
        if self.subdivision_id:
            country = self.subdivision.country
            if country.pk not in self.partner_country_ids():
                raise ValidationError(
                    {
                        "subdivision": _(
                            "%(country)s is not a partner of this project: add it "
                            "to the project's partners first."
                        )
                        % {"country": country.name}
                    }
                )


def province_named(sender, instance, raw=False, **kwargs):
    """An Argentine subnational partner's province is one of the project's
    provinces too, so the catalogue's province filter finds the project."""
    if instance.province_id and not raw:
        instance.project.provinces.add(instance.province_id)


post_save.connect(
    province_named, sender=SubnationalParticipation, dispatch_uid="subnational.saved"
)


def add_row_provinces(project):
    """Adds to ``project``'s provinces those its subnational partners and locations
    name and it lacks (the change form saves the provinces before its rows: this
    runs after both). Returns the ids added."""
    through = project.provinces.through
    named = set(
        project.subnational_participations.filter(province__isnull=False).values_list(
            "province_id", flat=True
        )
    ) | set(
        project.locations.filter(province__isnull=False).values_list(
            "province_id", flat=True
        )
    )
    missing = named - set(
        through.objects.filter(project=project.pk).values_list("province_id", flat=True)
    )
    if missing:
        project.provinces.add(*missing)
    return missing
