"""DGCIN's own contact directory: organisational units and their phone lines."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The country code numbers are assumed to belong to when written without one.
DEFAULT_COUNTRY_CODE = "54"

validate_phone_number = RegexValidator(
    r"^\+?[\d\s().-]{6,30}$",
    _(
        "Write the number with digits, spaces, brackets and hyphens only, "
        "e.g. (5411) 4819-7000."
    ),
)
validate_extensions = RegexValidator(
    r"^\d{1,6}(\s*/\s*\d{1,6})*$",
    _("Write the extensions as numbers separated by slashes, e.g. 7268 / 8047."),
)


def to_e164(number: str, country_code: str = DEFAULT_COUNTRY_CODE) -> str:
    """Return a number as written, e.g. ``(5411) 4819-7000``, in E.164 form.

    Argentine directories write the country code in brackets with the area code;
    numbers written with a trunk ``0`` or without a country code get ``country_code``.
    """
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        return f"+{digits}"
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    if digits.startswith("0"):
        return f"+{country_code}{digits[1:]}"
    if digits.startswith(country_code) and len(digits) > 10:
        return f"+{digits}"
    return f"+{country_code}{digits}"


class UnitQuerySet(models.QuerySet):
    def with_lines(self):
        return self.prefetch_related("lines")

    def tree(self):
        """Every unit once, parents before children, each with ``depth`` and
        ``children`` set, in two queries whatever the depth."""
        units = list(self.with_lines())
        by_parent = {}
        for unit in units:
            by_parent.setdefault(unit.parent_id, []).append(unit)

        ordered = []

        def visit(parent_id, depth):
            for unit in by_parent.get(parent_id, []):
                unit.depth = depth
                unit.child_units = by_parent.get(unit.pk, [])
                ordered.append(unit)
                visit(unit.pk, depth + 1)

        visit(None, 0)
        return ordered

    def head_office(self):
        """The top of the hierarchy: the General Directorate."""
        return self.filter(parent=None).with_lines().first()

    def head_office_name(self):
        """The General Directorate's name in the active language, e.g. to sign
        e-mails."""
        unit = self.filter(parent=None).first()
        return unit.name if unit else ""


class Unit(models.Model):
    """A unit of DGCIN: the General Directorate or one of its directorates."""

    class Kind(models.TextChoices):
        GENERAL_DIRECTORATE = "general-directorate", _("General directorate")
        DIRECTORATE = "directorate", _("Directorate")
        OFFICE = "office", _("Office or area")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True, default="")
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in the unit's web address; change it only if you must."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Leave empty only for the General Directorate."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Order among units with the same parent (lowest first)."),
    )
    description = models.TextField(_("description"), blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    street = models.CharField(
        _("street and number"), max_length=200, blank=True, default=""
    )
    floor = models.CharField(_("floor"), max_length=20, blank=True, default="")
    office = models.CharField(_("office"), max_length=20, blank=True, default="")
    postcode = models.CharField(
        _("postcode"),
        max_length=20,
        blank=True,
        default="",
        help_text=_("As written on letters, e.g. C1007ABR."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True, default="")
    country = models.CharField(
        _("country"), max_length=100, blank=True, default="Argentina"
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="directory_unit_not_own_parent",
                violation_error_message=_("A unit cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:unit-detail", kwargs={"slug": self.slug})

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A unit cannot be placed under itself.")}
                )
            ancestor = ancestor.parent

    @property
    def ancestors(self):
        """The chain of parents, from the top of the hierarchy down."""
        chain = []
        unit = self.parent
        while unit is not None:
            chain.insert(0, unit)
            unit = unit.parent
        return chain

    @property
    def premises(self):
        """Floor and office, in the page's language."""
        parts = []
        if self.floor:
            parts.append(_("Floor %(floor)s") % {"floor": self.floor})
        if self.office:
            parts.append(_("Office %(office)s") % {"office": self.office})
        return ", ".join(parts)

    @property
    def street_line(self):
        return ", ".join(part for part in (self.street, self.premises) if part)

    @property
    def locality_line(self):
        postcode = f"({self.postcode})" if self.postcode else ""
        return " ".join(part for part in (postcode, self.city) if part)


class PhoneLine(models.Model):
    """One number of a unit: a switchboard with extensions, a direct line, a fax..."""

    class Kind(models.TextChoices):
        SWITCHBOARD = "switchboard", _("Switchboard")
        RECEPTION = "reception", _("Reception desk")
        DIRECT = "direct", _("Direct line")
        FAX = "fax", _("Fax")

    KINDS_WITH_EXTENSIONS = (Kind.SWITCHBOARD, Kind.RECEPTION)

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    number = models.CharField(
        _("number"),
        max_length=40,
        validators=[validate_phone_number],
        help_text=_("As the public should read it, e.g. (5411) 4819-7000."),
    )
    extensions = models.CharField(
        _("extensions"),
        max_length=100,
        blank=True,
        default="",
        validators=[validate_extensions],
        help_text=_(
            "Only for a switchboard or reception desk: numbers separated by "
            "slashes, e.g. 7268 / 8047."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["unit", "position", "pk"]
        verbose_name = _("phone line")
        verbose_name_plural = _("phone lines")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "number"],
                name="directory_phoneline_unique_per_unit",
                violation_error_message=_(
                    "This unit already has a line of this kind with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(extensions="") | Q(kind__in=["switchboard", "reception"]),
                name="directory_phoneline_extensions_need_switchboard",
                violation_error_message=_(
                    "Only a switchboard or a reception desk has extensions."
                ),
            ),
        ]

    def __str__(self):
        if self.extensions:
            return f"{self.get_kind_display()}: {self.number} ({self.extensions})"
        return f"{self.get_kind_display()}: {self.number}"

    def clean(self):
        if self.extensions and self.kind not in self.KINDS_WITH_EXTENSIONS:
            raise ValidationError(
                {
                    "extensions": _(
                        "Only a switchboard or a reception desk has extensions."
                    )
                }
            )

    @property
    def e164(self):
        return to_e164(self.number)

    @property
    def extension_list(self):
        return [ext.strip() for ext in self.extensions.split("/") if ext.strip()]

    @property
    def tel_uri(self):
        return f"tel:{self.e164}"

    @property
    def dial_targets(self):
        """(extension or "", RFC 3966 URI) for each way of reaching this line."""
        if not self.extension_list:
            return [("", self.tel_uri)]
        return [(ext, f"{self.tel_uri};ext={ext}") for ext in self.extension_list]


validate_international_number = RegexValidator(
    r"^\+\d[\d\s().-]{5,30}$",
    _(
        "Write the number in international format, starting with +, "
        "e.g. +595 21 212320."
    ),
)


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
                "country__name",
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
        ordering = ["country__name", "kind", "city"]
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


class StaffMembership(models.Model):
    """A staff account that works in a unit: it may edit that unit's projects."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="unit_memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="staff"
    )

    class Meta:
        ordering = ["unit", "user__username"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit"],
                name="directory_staffmembership_unique",
                violation_error_message=_("This user already works in this unit."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.unit}"


class FocalPointQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("province").order_by("province__name")


class FocalPoint(models.Model):
    """A province's focal point in the federal cooperation network: the institution
    that channels the province's cooperation, its official contact and its person."""

    province = models.OneToOneField(
        "partners.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="focal_point",
    )
    institution = models.CharField(_("institution"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True, default="")
    email = models.EmailField(
        _("official e-mail"),
        blank=True,
        default="",
        help_text=_("The institution's address, shown to the public."),
    )
    phone = models.CharField(
        _("official phone"),
        max_length=40,
        blank=True,
        default="",
        validators=[validate_phone_number],
    )
    website = models.URLField(_("website"), blank=True, default="")
    person_name = models.CharField(
        _("focal point's name"), max_length=150, blank=True, default=""
    )
    person_position = models.CharField(
        _("job title"), max_length=200, blank=True, default=""
    )
    person_email = models.EmailField(_("personal e-mail"), blank=True, default="")
    person_phone = models.CharField(
        _("personal phone"),
        max_length=40,
        blank=True,
        default="",
        validators=[validate_phone_number],
    )
    person_is_public = models.BooleanField(
        _("show the person on the public page"),
        default=False,
        help_text=_(
            "Only with the person's consent: their name, position, e-mail and phone "
            "then appear on the public list of focal points."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        ordering = ["province__name"]
        verbose_name = _("provincial focal point")
        verbose_name_plural = _("provincial focal points")

    def __str__(self):
        return f"{self.province} · {self.institution}"

    def get_absolute_url(self):
        return f"{reverse('directory:focal-point-list')}#{self.province.code.lower()}"

    @property
    def tel_uri(self):
        return f"tel:{to_e164(self.phone)}" if self.phone else ""

    @property
    def person_tel_uri(self):
        return f"tel:{to_e164(self.person_phone)}" if self.person_phone else ""


class FocalPointAccount(models.Model):
    """A user account that submits proposals for a province's focal point.

    Proposals belong to the province, not to the account: when a person leaves, their
    account is deactivated and the next person's account sees the same proposals."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="focal_point_account",
    )
    focal_point = models.ForeignKey(
        FocalPoint,
        verbose_name=_("focal point"),
        on_delete=models.CASCADE,
        related_name="accounts",
    )
    invited_at = models.DateTimeField(_("last invited"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["focal_point__province__name", "user__last_name"]
        verbose_name = _("focal-point account")
        verbose_name_plural = _("focal-point accounts")

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} · {self.focal_point.province}"

    @property
    def province(self):
        return self.focal_point.province


class Profile(models.Model):
    """What a person chooses for their own account: the language of their e-mails."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


def language_of(user):
    """The language ``user`` reads their e-mails in."""
    try:
        return user.profile.language
    except Profile.DoesNotExist:
        return settings.LANGUAGE_CODE


def province_of(user):
    """The province an active focal-point account submits proposals for, or None.

    Read once per user object (so once per request)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_focal_point_province"):
        account = (
            FocalPointAccount.objects.select_related("focal_point__province")
            .filter(user=user)
            .first()
        )
        user._focal_point_province = account.focal_point.province if account else None
    return user._focal_point_province
