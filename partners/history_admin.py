"""The history admin every model with a history uses.

django-simple-history's "revert" form saves an old version on POST after checking
only that the user may *view* the history: a read-only member of staff could
revert, and the object-level rules (a project's directorate) were never asked.
``HistoryAdmin`` asks the admin's own ``has_change_permission`` for the object as
it is now, then ``may_revert`` for the version to be saved (the projects' admin
answers that through ``accounts.permissions``), before the form is even built.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ForeignKey
from django.http import Http404
from django.shortcuts import get_object_or_404
from simple_history.admin import SimpleHistoryAdmin

from .admin_text import WithoutLinkRows
from .history_display import ReadableChanges


class HistoryAdmin(WithoutLinkRows, SimpleHistoryAdmin):
    def get_historical_record_context_helper(self, request, historical_record):
        # Labels and display values in the reader's language, not codes.
        return ReadableChanges(self.model, historical_record)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history joins the tracked foreign keys with select_related(*names);
        # for a model without any that is select_related(), which Django 6.1
        # deprecates (an error in the tests): join the history user only then.
        queryset = history_manager.filter(**{pk_name: object_id})
        names = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, ForeignKey)
        ]
        return queryset.select_related("history_user", *names)

    def may_revert(self, request, current, version):
        """Whether ``version`` (an old state) may be saved over ``current``; the
        admins with object rules refine this."""
        return True

    def valid_id(self, object_id):
        """A history address with an id that is not one (``/x/history/``) is a
        404, not a 500."""
        try:
            self.model._meta.pk.to_python(object_id)
        except (ValidationError, ValueError, TypeError) as error:
            raise Http404 from error

    def history_view(self, request, object_id, extra_context=None):
        self.valid_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.valid_id(object_id)
        current = self.get_object(request, object_id)
        if current is None:
            raise PermissionDenied
        if request.method == "POST":
            history = getattr(
                self.model, self.model._meta.simple_history_manager_attribute
            )
            version = get_object_or_404(
                history.model,
                **{self.model._meta.pk.attname: object_id, "history_id": version_id},
            ).instance
            if not self.has_change_permission(request, current) or not self.may_revert(
                request, current, version
            ):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        current = self.get_object(request, obj.pk) if obj is not None else None
        return super().revert_disabled(request, obj) or not (
            current is not None and self.has_change_permission(request, current)
        )
