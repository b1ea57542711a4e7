"""Reference lists projects point at: DAC sectors, SEGIB sectors, SDGs, currencies.

External codes are stored as strings, as their standards write them.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.collation import Collated


class CodedItem(models.Model):
    """An entry of a codelist: its code and its name in each language."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} · {self.name}"


class SectorCategory(CodedItem):
    """DAC 3-digit sector category (IATI sector vocabulary 2)."""

    class Meta(CodedItem.Meta):
        verbose_name = _("DAC sector category")
        verbose_name_plural = _("DAC sector categories")


class Sector(CodedItem):
    """DAC 5-digit purpose code (IATI sector vocabulary 1)."""

    category = models.ForeignKey(
        SectorCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="sectors",
    )

    class Meta(CodedItem.Meta):
        verbose_name = _("DAC sector")
        verbose_name_plural = _("DAC sectors")


class SegibArea(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("SEGIB area")
        verbose_name_plural = _("SEGIB areas")

    def __str__(self):
        return self.name


class SegibSector(models.Model):
    """One of SEGIB's ~30 activity sectors for South-South cooperation."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    area = models.ForeignKey(
        SegibArea,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="sectors",
    )

    class Meta:
        ordering = ["area__position", Collated("name")]
        verbose_name = _("SEGIB sector")
        verbose_name_plural = _("SEGIB sectors")

    def __str__(self):
        return self.name


class SdgGoal(CodedItem):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_name = models.CharField(_("short name"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self):
        return f"{self.number}. {self.short_name}"


class SdgTarget(CodedItem):
    name = models.TextField(_("name"))
    goal = models.ForeignKey(
        SdgGoal,
        verbose_name=_("goal"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return f"{self.code} · {self.name[:80]}"


class DocumentCategory(CodedItem):
    """IATI DocumentCategory (A01 ... B18)."""

    class Meta(CodedItem.Meta):
        verbose_name = _("document category")
        verbose_name_plural = _("document categories")


class CurrencyQuerySet(models.QuerySet):
    def offered(self):
        """Currencies a new budget line or contribution may use."""
        return self.filter(is_offered=True)


class Currency(CodedItem):
    """ISO 4217 currency (IATI Currency codelist). A withdrawn one stays for the
    lines that already use it but is not offered for new ones."""

    is_offered = models.BooleanField(
        _("offered for new lines"),
        default=True,
        help_text=_(
            "Untick to keep the currency for the budget lines and contributions "
            "that use it without offering it for new ones."
        ),
    )
    withdrawn = models.CharField(
        _("withdrawn"),
        max_length=7,
        blank=True,
        default="",
        validators=[
            RegexValidator(
                r"^[0-9]{4}-(0[1-9]|1[0-2])$",
                _("Year and month, e.g. 2023-01."),
            )
        ],
        help_text=_(
            "Year and month ISO 4217 withdrew the code, e.g. 2023-01. Leave empty "
            "while the currency is in use."
        ),
    )

    objects = CurrencyQuerySet.as_manager()

    class Meta(CodedItem.Meta):
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn="") | models.Q(is_offered=False),
                name="projects_currency_withdrawn_not_offered",
                violation_error_message=_(
                    "A withdrawn currency cannot be offered for new lines."
                ),
            ),
        ]

    def __str__(self):
        return self.code
