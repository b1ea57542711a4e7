"""Organisations: UN agencies, multilateral bodies, cooperation agencies, public
bodies of Argentina and of partner countries, NGOs, universities, companies.

An Argentine public body is in Argentina (``save`` names the country when it is left
empty, ``clean`` refuses another), a partner country's public body in a partner
country; only the UN system's and the multilaterals are of no country
(``is_international``). Sample organisations (``is_sample``) come with the sample
projects and are marked wherever they appear.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .collation import Collated
from .identifiers import validate_organisation_identifier
from .models import Country, IatiOrganisationType
from .search import Searchable, SearchQuerySet


class OrganisationQuerySet(SearchQuerySet):
    def in_region(self, region):
        return self.filter(
            Q(country__region=region) | Q(country__region__parent=region)
        )


class Organisation(Searchable):
    class Kind(models.TextChoices):
        UN_SYSTEM = "un-system", _("United Nations system")
        MULTILATERAL = "multilateral", _("Multilateral or regional body")
        COOPERATION_AGENCY = "cooperation-agency", _("Cooperation agency")
        ARGENTINE_INSTITUTION = "argentine-institution", _("Argentine public body")
        PARTNER_INSTITUTION = (
            "partner-institution",
            _("Public body of a partner country"),
        )
        NGO = "ngo", _("Non-governmental organisation")
        ACADEMIC = "academic", _("University or research centre")
        PRIVATE = "private", _("Private sector")
        OTHER = "other", _("Other")

    search_fields = (
        "acronym_es",
        "acronym_en",
        "name_es",
        "name_en",
        "iati_identifier",
    )

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, default="")
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Leave empty for international bodies."),
    )
    iati_type = models.CharField(
        _("IATI organisation type"), max_length=2, choices=IatiOrganisationType
    )
    iati_identifier = models.CharField(
        _("IATI identifier"),
        max_length=100,
        blank=True,
        default="",
        validators=[validate_organisation_identifier],
        help_text=_("As published by the organisation, e.g. XM-DAC-41114 for UNDP."),
    )
    website = models.URLField(_("website"), blank=True, default="")
    is_sample = models.BooleanField(
        _("sample"),
        default=False,
        editable=False,
        help_text=_(
            "Loaded with the sample projects for development and demonstration."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = [Collated("name")]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="partners_organisation_unique_iati_identifier",
                violation_error_message=_(
                    "Another organisation already has this IATI identifier."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("partners:organisation-detail", kwargs={"slug": self.slug})

    @property
    def is_international(self):
        """A body of no country: the UN system's and the multilaterals."""
        return self.country_id is None and self.kind in INTERNATIONAL_KINDS

    def clean(self):
        code = self.country.code if self.country_id else None
        home = settings.HOME_COUNTRY
        if self.kind == self.Kind.ARGENTINE_INSTITUTION and code not in (None, home):
            raise ValidationError(
                {
                    "country": _(
                        "An Argentine public body is in Argentina: choose Argentina "
                        "or leave the country empty."
                    )
                }
            )
        if self.kind == self.Kind.PARTNER_INSTITUTION and code in (None, home):
            raise ValidationError(
                {"country": _("Choose the partner country of this public body.")}
            )

    def save(self, *args, **kwargs):
        # An Argentine public body is in Argentina, on its page and in the data.
        if self.kind == self.Kind.ARGENTINE_INSTITUTION and self.country_id is None:
            self.country = Country.objects.filter(code=settings.HOME_COUNTRY).first()
        super().save(*args, **kwargs)


INTERNATIONAL_KINDS = (Organisation.Kind.UN_SYSTEM, Organisation.Kind.MULTILATERAL)
