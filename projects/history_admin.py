"""The history page of a project (and of a result) as a list of saves.

The history admin of projects and results: the page lists each save once,
with who made it, when, and what it changed in words (``history`` groups the
records, ``history_lines`` words them), instead of one line per record written.
The permission to see it and the revert links are the history admin's.
"""

from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext

from partners.history_admin import HistoryAdmin

from . import history, history_lines


class SavesHistoryAdmin(HistoryAdmin):
    object_history_template = "simple_history/saves_history.html"
    saves_per_page = 50

    def history_view_title(self, request, obj):
        return gettext("History of %(object)s") % {"object": force_str(obj)}

    def history_view(self, request, object_id, extra_context=None):
        request.current_app = self.admin_site.name
        model, opts = self.model, self.model._meta
        try:
            object_id = opts.pk.to_python(unquote(object_id))
        except ValidationError as error:
            raise Http404 from error
        records = history.load(history.history_of(model, object_id))
        own_model = getattr(model, opts.simple_history_manager_attribute).model
        obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is None:  # deleted: its last state
            own = [record for record in records if isinstance(record, own_model)]
            if not own:
                raise Http404
            obj = own[-1].instance
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied

        paginator = Paginator(history.group(records), self.saves_per_page)
        page = paginator.get_page(request.GET.get(PAGE_VAR))
        history_lines.describe(
            page.object_list, history.previous_records(records), model
        )
        for save in page.object_list:
            version = save.record_of(own_model)
            save.version = version if version and version.history_type != "-" else None
        context = {
            **self.admin_site.each_context(request),
            "title": self.history_view_title(request, obj),
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "page_var": PAGE_VAR,
            "pagination_required": paginator.num_pages > 1,
            "module_name": capfirst(force_str(opts.verbose_name_plural)),
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "revert_disabled": self.revert_disabled(request, obj),
            **(extra_context or {}),
        }
        return self.render_history_view(request, self.object_history_template, context)
