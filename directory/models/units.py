"""DGCIN's organisational units and their phone lines, and the phone-number rules
every contact in the directory follows."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.collation import Collated

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
        ordering = ["position", Collated("name")]
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
