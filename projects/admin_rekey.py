"""The project admin's "Re-key IATI identifier" action (``projects.rekeying``).

A confirmation page first says, project by project, the identifier it has, the one
it will get and that the old one stays in the IATI file as its previous
identifier, or why it cannot be re-keyed; confirming re-keys those that can be.
Only the projects the user may change (``accounts.permissions``) are offered.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts import permissions

from . import rekeying
from .models import Project


@admin.action(
    description=gettext_lazy("Re-key the IATI identifier"), permissions=["change"]
)
def rekey_iati_identifier(modeladmin, request, queryset):
    editable = permissions.editable_projects(request.user, queryset).order_by("pk")
    skipped = queryset.count() - editable.count()
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d project was left as it was: you may not change it.",
                "%(count)d projects were left as they were: you may not change them.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )
    steps = [rekeying.plan(project) for project in editable]
    if "confirm" not in request.POST:
        return TemplateResponse(
            request,
            "admin/projects/project/rekey_confirm.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": _("Re-key the IATI identifier"),
                "opts": Project._meta,
                "steps": steps,
                "ready": [step for step in steps if not step.problem],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
    done = 0
    for step in steps:
        new = rekeying.rekey(step.project) if not step.problem else None
        if new is None:
            modeladmin.message_user(
                request,
                _("%(project)s keeps %(identifier)s: %(problem)s")
                % {
                    "project": step.project,
                    "identifier": step.old,
                    "problem": rekeying.plan(step.project).problem,
                },
                messages.WARNING,
            )
            continue
        done += 1
    if done:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d project has a new IATI identifier; the old one stays in "
                "the IATI file as its previous identifier.",
                "%(count)d projects have a new IATI identifier; the old ones stay in "
                "the IATI file as their previous identifiers.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
    return None
