"""Documents of a project: uploaded files or links."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..files import removes_files
from ..validators import validate_document_file
from .project import document_upload_path
from .reference import DocumentCategory


class Document(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    category = models.ForeignKey(
        DocumentCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=settings.DOCUMENT_LANGUAGES,
        default="es",
    )
    file = models.FileField(
        _("file"),
        upload_to=document_upload_path,
        blank=True,
        validators=[validate_document_file],
        help_text=_("PDF, Word, Excel, OpenDocument or image; 20 MB at most."),
    )
    url = models.URLField(_("link"), blank=True, default="", max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="projects_document_file_or_url",
                violation_error_message=_("Upload a file or give a link, not both."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        # Beside the field to fill in or to empty.
        if not self.file and not self.url:
            raise ValidationError({"file": _("Upload a file or give a link.")})
        if self.file and self.url:
            raise ValidationError({"url": _("Upload a file or give a link, not both.")})

    @property
    def href(self):
        """Uploads go through the portal, which checks the project is visible."""
        if self.file:
            return reverse(
                "projects:document-download",
                kwargs={"slug": self.project.slug, "pk": self.pk},
            )
        return self.url


# A deleted document's file, or a replaced one, goes once the change commits.
removes_files(Document)
