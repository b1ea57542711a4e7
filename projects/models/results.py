"""What a project means to achieve: results and their indicators."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Result(models.Model):
    class Type(models.TextChoices):
        OUTPUT = "1", _("Output")
        OUTCOME = "2", _("Outcome")
        IMPACT = "3", _("Impact")
        OTHER = "9", _("Other")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    type = models.CharField(_("type"), max_length=1, choices=Type, default=Type.OUTPUT)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, default="")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return self.title


class Indicator(models.Model):
    class Measure(models.TextChoices):
        UNIT = "1", _("Unit")
        PERCENTAGE = "2", _("Percentage")
        NOMINAL = "3", _("Nominal")
        ORDINAL = "4", _("Ordinal")
        QUALITATIVE = "5", _("Qualitative")

    result = models.ForeignKey(
        Result,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    title = models.CharField(_("title"), max_length=300)
    measure = models.CharField(
        _("measure"), max_length=1, choices=Measure, default=Measure.UNIT
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_value = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["result", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.title
