"""Foreign subnational governments: the states, regions, departments and
municipalities that Argentine provinces and municipalities cooperate with
(decentralised cooperation).

First-level divisions come with their ISO 3166-2 code from ``data/subdivisions.json``
(``load_partners``); staff add municipalities, which have no code. Argentina's own
jurisdictions are ``Province`` rows, never subdivisions, and nothing here may stand
for the parts of Argentina that ISO lists apart (FK, GS, AQ).
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .collation import Collated
from .search import MAX_QUERY_LENGTH, Searchable, SearchQuerySet, fold

# Codes no subdivision may have: Argentina's own (its provinces are Province rows)
# and those of Argentine territory that ISO 3166 lists apart.
REFUSED_PREFIXES = ("AR-", "FK-", "GS-", "AQ-")
REFUSED_COUNTRIES = ("AR", "FK", "GS", "AQ")


class SubdivisionQuerySet(SearchQuerySet):
    def search(self, query: str):
        """Rows whose names, code or country's names hold every word of
        ``query``, accents and case aside: "valparaiso", "sao paulo chile"."""
        queryset = self
        for word in fold(query[:MAX_QUERY_LENGTH]).split():
            queryset = queryset.filter(
                Q(search_text__contains=word) | Q(country__search_text__contains=word)
            )
        return queryset


class Subdivision(Searchable):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        PROVINCE = "province", _("Province")
        PREFECTURE = "prefecture", _("Prefecture")
        REGION = "region", _("Region")
        DEPARTMENT = "department", _("Department")
        DISTRICT = "district", _("District")
        MUNICIPALITY = "municipality", _("Municipality")
        PARISH = "parish", _("Parish")
        OTHER = "other", _("Other subnational government")

    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="subdivisions",
    )
    code = models.CharField(
        _("ISO 3166-2 code"),
        max_length=10,
        blank=True,
        default="",
        validators=[
            RegexValidator(
                r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
                _("As in ISO 3166-2, e.g. CL-VS; leave it empty if there is none."),
            )
        ],
        help_text=_(
            "As in ISO 3166-2, e.g. CL-VS for Valparaíso; municipalities have none."
        ),
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)

    search_fields = ("name_es", "name_en", "code")
    objects = SubdivisionQuerySet.as_manager()

    class Meta:
        ordering = [Collated("name")]
        verbose_name = _("foreign subnational government")
        verbose_name_plural = _("foreign subnational governments")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="partners_subdivision_unique_code",
                violation_error_message=_(
                    "Another subnational government already has this code."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(code__startswith="AR-")
                & ~Q(code__startswith="FK-")
                & ~Q(code__startswith="GS-")
                & ~Q(code__startswith="AQ-"),
                name="partners_subdivision_not_argentine",
                violation_error_message=_(
                    "Argentine jurisdictions are provinces, not foreign "
                    "subnational governments."
                ),
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self):
        if self.country_id and "country" in self._state.fields_cache:
            return f"{self.name} ({self.country.name})"
        return self.name

    def clean(self):
        errors = {}
        country = self.country if self.country_id else None
        if country is not None and country.code in REFUSED_COUNTRIES:
            errors["country"] = _(
                "Argentine jurisdictions are provinces, not foreign subnational "
                "governments: choose a partner country."
            )
        if self.code.startswith(REFUSED_PREFIXES):
            errors["code"] = _(
                "Argentine jurisdictions are provinces, not foreign subnational "
                "governments."
            )
        elif (
            country is not None
            and self.code
            and not self.code.startswith(f"{country.code}-")
        ):
            errors["code"] = _(
                "The code starts with the country's code: %(prefix)s…"
            ) % {"prefix": f"{country.code}-"}
        if errors:
            raise ValidationError(errors)
