"""The project change form keeps what was typed.

Whatever is wrong in the form (a percentage of 0, a partner row without its role, a
budget that ends before it starts, a document with neither file nor link), the page
comes back with a message beside the field, or at the top of its table, and every
value typed, the chosen files included (``uploads``); a save over someone else's
newer one is refused the same way (``locking``).

- The rows' cross-checks (roles that fit the modality, percentages that add up to
  100) run once every row is valid on its own: a row with an error has no value to
  add up, and its own message says what to fix.
- ``DocumentForm`` keeps a chosen file across a failed save.
- ``KeepsWorkAdmin`` puts the version field in the change form and the history's
  revert form, and runs the revert in one transaction, so its version check holds
  the row until the save commits. An import whose confirmation finds a row it must
  refuse (the project changed since the preview) saves nothing and says which
  rows and why, instead of import-export's "Import finished".
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from partners.institutions import IMPLEMENTING

from .locking import EDIT_VERSION
from .publishing_admin import SubmittedRowsFormSet
from .rules import participation_errors, sector_percentage_error
from .uploads import KeptFileField, KeptFileInput, KeptUploadsForm


class RowsCheckedTogether(SubmittedRowsFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return  # each row's own message comes first
        if errors := self.rows_errors():
            raise ValidationError(errors)

    def rows_errors(self):
        """Messages about the rows taken together (they are each valid)."""
        return []


class ParticipationFormSet(RowsCheckedTogether):
    def clean(self):
        # An executing institution is an organisation (issue 15): Argentina's own
        # row cannot stand for the institution that carries the project out.
        for form in self.kept_forms():
            country = form.cleaned_data.get("country")
            if (
                country is not None
                and country.code == settings.HOME_COUNTRY
                and form.cleaned_data.get("iati_role") == IMPLEMENTING
            ):
                form.add_error(
                    "country",
                    _(
                        "Argentina as a country cannot be the implementing partner: "
                        "add the Argentine executing institution (INTA, a university, "
                        "a provincial ministry…) as an organisation with this role, "
                        "and give Argentina another IATI role."
                    ),
                )
        # A partner's transactions go with it: deleting it would lose them.
        for form in self.forms:
            partner = form.instance
            if (
                partner.pk
                and self._should_delete_form(form)
                and partner.transactions.exists()
            ):
                raise ValidationError(
                    _(
                        "%(partner)s has transactions: delete them, or give them "
                        "to another partner, before removing it."
                    )
                    % {"partner": partner.partner}
                )
        super().clean()

    def rows_errors(self):
        # A draft may still lack a triangular project's partners (one made from
        # an accepted proposal names no roles for them): the publish checklist
        # asks for them; a role the modality does not allow is refused always.
        roles = [form.cleaned_data["segib_role"] for form in self.kept_forms()]
        complete = self.instance.publication == self.instance.Publication.PUBLISHED
        return participation_errors(self.instance.modality, roles, complete)


class SectorFormSet(RowsCheckedTogether):
    def rows_errors(self):
        shares = [form.cleaned_data["percentage"] for form in self.kept_forms()]
        error = sector_percentage_error(shares)
        return [error] if error else []


class DocumentForm(KeptUploadsForm):
    class Meta:
        field_classes = {"file": KeptFileField}
        widgets = {"file": KeptFileInput}


# How many refused lines an import's confirmation names, one message each.
NAMED_ROWS = 20


class KeepsWorkAdmin:
    """For the project admin (before the history admin in its bases)."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *others = fieldsets
        fields = (*options["fields"], EDIT_VERSION)
        return [(name, {**options, "fields": fields}), *others]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )

    def get_import_data_kwargs(self, **kwargs):
        return super().get_import_data_kwargs(**kwargs) | {
            "rollback_on_validation_errors": True
        }

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        problems = [
            (row.number, " ".join(m for ms in row.error_dict.values() for m in ms))
            for row in result.invalid_rows
        ] + [
            (number, " ".join(str(error.error) for error in errors))
            for number, errors in result.row_errors()
        ]
        self.message_user(
            request,
            _("Nothing was imported: these rows cannot be saved as they are."),
            messages.ERROR,
        )
        for number, text in sorted(problems)[:NAMED_ROWS]:
            self.message_user(
                request,
                _("Line %(number)s: %(problem)s") % {"number": number, "problem": text},
                messages.ERROR,
            )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_import")
        )
