"""Who Argentina cooperates with, and where: regions, countries, provinces, blocs and
organisations."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .collation import Collated
from .search import Searchable, SearchQuerySet

# ISO 3166-1 lists these parts of Argentina's province of Tierra del Fuego, Antártida
# e Islas del Atlántico Sur (AR-V) apart: the Malvinas (FK), South Georgia and the
# South Sandwich Islands (GS) and Antarctica (AQ, whose Argentine sector is AR-V's).
# They are never partner countries: no Country row, no page, no filter, no import.
ARGENTINE_TERRITORY_CODES = ("FK", "GS", "AQ")
ARGENTINE_TERRITORY_PROVINCE = "AR-V"
# The Ciudad Autónoma de Buenos Aires, one of the 24 jurisdictions but no province.
AUTONOMOUS_CITY = "AR-C"
ARGENTINE_TERRITORY_NAMES = {
    "FK": _("Malvinas Islands"),
    "GS": _("South Georgia Islands and South Sandwich Islands"),
    "AQ": _("Argentine Antarctica"),
}


def validate_not_argentine_territory(code):
    """Refuse, with the reason, an ISO 3166-1 code that names part of Argentina."""
    code = (code or "").strip().upper()
    if code in ARGENTINE_TERRITORY_CODES:
        raise ValidationError(
            _(
                "%(code)s is not a foreign country: it stands for %(name)s, Argentine "
                "territory in the province of Tierra del Fuego, Antártida e Islas del "
                "Atlántico Sur, which cannot be a partner country."
            ),
            params={"code": code, "name": ARGENTINE_TERRITORY_NAMES[code]},
            code="argentine_territory",
        )


class IatiOrganisationType(models.TextChoices):
    """IATI 2.03 OrganisationType codelist."""

    GOVERNMENT = "10", _("Government")
    LOCAL_GOVERNMENT = "11", _("Local government")
    OTHER_PUBLIC_SECTOR = "15", _("Other public sector")
    INTERNATIONAL_NGO = "21", _("International NGO")
    NATIONAL_NGO = "22", _("National NGO")
    REGIONAL_NGO = "23", _("Regional NGO")
    PARTNER_COUNTRY_NGO = "24", _("Partner-country-based NGO")
    PUBLIC_PRIVATE_PARTNERSHIP = "30", _("Public-private partnership")
    MULTILATERAL = "40", _("Multilateral")
    FOUNDATION = "60", _("Foundation")
    PRIVATE_SECTOR = "70", _("Private sector")
    PRIVATE_SECTOR_PROVIDER = "71", _("Private sector in provider country")
    PRIVATE_SECTOR_RECIPIENT = "72", _("Private sector in aid recipient country")
    PRIVATE_SECTOR_THIRD = "73", _("Private sector in third country")
    ACADEMIC = "80", _("Academic, training and research")
    OTHER = "90", _("Other")


class RegionQuerySet(models.QuerySet):
    def tree(self):
        """Wider regions in order, each followed by its sub-regions."""
        regions = list(self.select_related("parent"))
        return sorted(
            regions,
            key=lambda r: (
                (r.parent or r).position,
                (r.parent or r).pk,
                r.parent_id is not None,
                r.position,
            ),
        )


class Region(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("wider region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subregions",
    )
    iati_code = models.CharField(
        _("IATI region code"),
        max_length=5,
        blank=True,
        default="",
        help_text=_("From the IATI Region codelist (OECD DAC), where one matches."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["position", Collated("name")]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('partners:partner-list')}?region={self.slug}"


class CountryQuerySet(SearchQuerySet):
    def in_region(self, region):
        """Countries of ``region`` or of any of its sub-regions."""
        return self.filter(Q(region=region) | Q(region__parent=region))

    def in_bloc(self, bloc):
        return self.filter(
            pk__in=BlocMembership.objects.current().filter(bloc=bloc).values("country")
        )


class Country(Searchable):
    search_fields = ("code", "name_es", "name_en")

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, e.g. PY.")),
            validate_not_argentine_territory,
        ],
        help_text=_("ISO 3166-1 alpha-2, e.g. PY for Paraguay."),
    )
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="countries",
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive countries are hidden from the public lists."),
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = [Collated("name")]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(code__in=ARGENTINE_TERRITORY_CODES),
                name="partners_country_not_argentine_territory",
                violation_error_message=_(
                    "Argentine territory cannot be a partner country."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:country-detail", kwargs={"code": self.code.lower()})


class Province(models.Model):
    """One of Argentina's 24 jurisdictions."""

    code = models.CharField(
        _("ISO code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^AR-[A-Z]$", _("As in ISO 3166-2, e.g. AR-X."))],
        help_text=_("ISO 3166-2, e.g. AR-X for Córdoba."),
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(
        _("description"),
        blank=True,
        default="",
        help_text=_("Shown on the province's page: what the jurisdiction comprises."),
    )

    class Meta:
        ordering = [Collated("name")]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:province-detail", kwargs={"code": self.code.lower()})

    @property
    def is_autonomous_city(self):
        """The Ciudad Autónoma de Buenos Aires: a jurisdiction, not a province."""
        return self.code == AUTONOMOUS_CITY


class BlocQuerySet(SearchQuerySet):
    def with_member_count(self):
        return self.annotate(
            member_count=Count(
                "memberships",
                filter=BlocMembership.current_condition("memberships__"),
            )
        )


class Bloc(Searchable):
    """A regional bloc or an inter-regional forum."""

    class Kind(models.TextChoices):
        INTEGRATION = "integration", _("Regional integration bloc")
        FORUM = "forum", _("Inter-regional forum")

    search_fields = ("acronym_es", "acronym_en", "name_es", "name_en")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True, default="")
    description = models.TextField(_("description"), blank=True, default="")
    members = models.ManyToManyField(
        Country,
        through="BlocMembership",
        related_name="blocs",
        verbose_name=_("members"),
    )

    objects = BlocQuerySet.as_manager()

    class Meta:
        ordering = [Collated("acronym")]
        verbose_name = _("bloc or forum")
        verbose_name_plural = _("blocs and forums")

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("partners:bloc-detail", kwargs={"slug": self.slug})


class BlocMembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(BlocMembership.current_condition())


class BlocMembership(models.Model):
    """A country's status in a bloc for a period; the period with no end is current."""

    class Status(models.TextChoices):
        FULL = "full", _("Full member")
        ASSOCIATE = "associate", _("Associate state")
        ACCEDING = "acceding", _("Acceding")
        OBSERVER = "observer", _("Observer")
        SUSPENDED = "suspended", _("Suspended")

    bloc = models.ForeignKey(
        Bloc,
        verbose_name=_("bloc"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_(
            "The day the status ended (the next status may start that day). "
            "Leave empty while it lasts."
        ),
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Ticked where the status or its dates are uncertain."),
    )
    note = models.TextField(_("note"), blank=True, default="")
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        default="",
        help_text=_(
            "Where the status and its dates come from: the instrument "
            "(e.g. “Decisión CMC N° 18/04”) and its web address where it is online."
        ),
    )

    objects = BlocMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["bloc", Collated("country__name"), "since"]
        verbose_name = _("bloc membership")
        verbose_name_plural = _("bloc memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(since__isnull=True)
                | Q(until__isnull=True)
                | Q(since__lte=F("until")),
                name="partners_blocmembership_since_before_until",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.UniqueConstraint(
                fields=["bloc", "country"],
                condition=Q(until__isnull=True),
                name="partners_blocmembership_one_open_period",
                violation_error_message=_(
                    "This country already has a current status in this bloc; "
                    "give that one an end date first."
                ),
            ),
        ]
        indexes = [models.Index(fields=["country", "until"])]

    def __str__(self):
        return f"{self.country} · {self.bloc}: {self.get_status_display()}"

    @staticmethod
    def current_condition(prefix=""):
        """Q for periods in force today, optionally through a relation prefix."""
        return Q(**{f"{prefix}until__isnull": True}) | Q(
            **{f"{prefix}until__gt": timezone.localdate()}
        )

    @property
    def is_current(self):
        return self.until is None or self.until > timezone.localdate()

    @property
    def source_url(self):
        """The source when it is nothing but a web address, for a plain link."""
        source = self.source.strip()
        if source.startswith(("https://", "http://")) and not any(
            character.isspace() for character in source
        ):
            return source
        return ""

    def clean(self):
        if self.since and self.until and self.since > self.until:
            raise ValidationError(
                {"until": _("The end date is before the start date.")}
            )
        if self.bloc_id and self.country_id:
            overlapping = BlocMembership.objects.filter(
                bloc_id=self.bloc_id, country_id=self.country_id
            ).exclude(pk=self.pk)
            for other in overlapping:
                if self._overlaps(other):
                    raise ValidationError(
                        _(
                            "This period overlaps another status of the same country "
                            "in this bloc (%(other)s)."
                        )
                        % {"other": other.get_status_display()}
                    )

    def _overlaps(self, other):
        start, end = self.since or _MIN_DATE, self.until or _MAX_DATE
        other_start, other_end = other.since or _MIN_DATE, other.until or _MAX_DATE
        # Periods are half-open: a status that ends on a day gives way to the next
        # one starting that same day.
        return start < other_end and other_start < end


_MIN_DATE = datetime.date.min
_MAX_DATE = datetime.date.max


def current_memberships():
    """Prefetch for a country's or bloc's memberships in force, bloc and country
    included."""
    return Prefetch(
        "memberships",
        queryset=BlocMembership.objects.current().select_related("bloc", "country"),
        to_attr="current_memberships",
    )


from .organisations import Organisation  # noqa: E402, F401 (a model of this app)
from .subdivisions import Subdivision  # noqa: E402, F401 (a model of this app)
