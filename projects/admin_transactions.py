"""A project's transactions in its change form.

A transaction is part of its project, as a mission is: whoever may add, change or
view the project in the admin may do the same with its transactions (the project's
admin asks ``accounts.permissions``). The partner is chosen among the project's
saved partners; the model refuses one of another project.
"""

from modeltranslation.admin import TranslationStackedInline

from .inlines import ProjectRowsPermissions
from .models import Participation, Transaction
from .publishing_admin import SubmittedRowsFormSet


class TransactionInline(ProjectRowsPermissions, TranslationStackedInline):
    model = Transaction
    formset = SubmittedRowsFormSet
    extra = 0
    autocomplete_fields = ("currency",)
    fields = (
        ("type", "participation", "in_kind"),
        ("date", "value", "currency", "value_date"),
        "aid_type",
        "description",
    )

    def get_formset(self, request, obj=None, **kwargs):
        """The partner is one of this project's (none before it is saved)."""
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("participation")
        if field is not None:
            field.queryset = Participation.objects.filter(
                project=obj.pk if obj else None
            ).select_related("country", "organisation")
        return formset
