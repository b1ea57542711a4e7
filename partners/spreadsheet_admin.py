"""The base of every admin that imports and exports spreadsheets: import-export's,
with an import form that refuses an oversized or hostile file, saying why, before
import-export reads it (the formats in ``partners.spreadsheets`` refuse it again
wherever else a file is read)."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ImportForm

from .admin_text import ReadableExportForm
from .spreadsheets import SpreadsheetRefused, refuse_large_upload


class SpreadsheetImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("import_file")
        choice = cleaned_data.get("format")
        if upload is None or not choice:
            return cleaned_data
        input_format = self.formats[int(choice)]()
        try:
            refuse_large_upload(upload.size)
            input_format.refuse_unsafe(upload.read())
        except SpreadsheetRefused as error:
            self.add_error("import_file", str(error))
        finally:
            upload.seek(0)
        return cleaned_data


class SpreadsheetAdmin(ImportExportModelAdmin):
    """CSV/XLSX import with a preview, export, and the import limits."""

    import_form_class = SpreadsheetImportForm
    export_form_class = ReadableExportForm  # columns named by their labels

    def process_import(self, request, **kwargs):
        """The confirm step reads the file again, by the name the form sends back:
        a file that is refused then goes back to the import page with the reason."""
        try:
            return super().process_import(request, **kwargs)
        except SpreadsheetRefused as error:
            self.message_user(request, str(error), messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import"
                )
            )

    def export_action(self, request):
        """The export page keeps the list's filters from its address; one the list
        does not know (a hand-edited address) sends back the page without them."""
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            self.message_user(
                request,
                _(
                    "The address held filters this list does not have, so they "
                    "were left out: the export holds every row you may see."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(request.path)
