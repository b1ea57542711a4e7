"""The IATI identifiers a project was published under before it was re-keyed.

An IATI identifier is given once and kept (``projects.identifiers``); when one must
change all the same (DGCIN registers its organisation identifier and leaves the
placeholder, or an identifier came in wrong), ``projects.rekeying`` gives the
project its new one and keeps the old one here, so that the IATI file names it
(``other-identifier`` of type A3, "Previous Activity Identifier") and those who
hold the old one can follow the activity. An old identifier is never given again:
it is unique here, and a re-key refuses one that any project or programme holds.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PreviousIdentifier(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="previous_identifiers",
    )
    identifier = models.CharField(
        _("previous IATI identifier"), max_length=150, unique=True
    )
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        ordering = ["project", "replaced_at", "pk"]
        verbose_name = _("previous IATI identifier")
        verbose_name_plural = _("previous IATI identifiers")

    def __str__(self):
        return self.identifier
