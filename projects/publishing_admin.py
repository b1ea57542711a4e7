"""The publish checklist in the project admin (``projects.publishing`` holds the
checks).

- ``ProjectForm`` refuses to save a project as published while the checklist finds
  something missing. It sees the project as submitted and the inline rows being saved
  with it: each inline formset of the change form registers itself on the project it
  edits (``SubmittedRowsFormSet``), and the admin builds the formsets before it
  validates the form, so the form's last validation step reads their rows.
- ``ProjectForm`` also refuses to take a province out of the project's provinces
  while a subnational partner or a location that stays names it (the form and the
  history's revert form both; ``rules.removed_province_errors``).
- ``PublicationRefused`` is the safety net: raised by ``ProjectAdmin.save_related``
  when the saved project still lacks something, it rolls the whole save back.
- ``checklist_html`` is the list on the change page; ``publish_ready`` is the publish
  action's check.
"""

from django.contrib import messages
from django.forms.models import BaseInlineFormSet
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import publishing, rules
from .locking import VersionedForm
from .rules import removed_province_errors

SUBMITTED = "_submitted_formsets"
# How many refused projects the publish action names, one message each.
NAMED_REFUSALS = 20


class SubmittedRowsFormSet(BaseInlineFormSet):
    """An inline formset of the project admin whose rows the publish checklist
    reads while the project form is validated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.__dict__.setdefault(SUBMITTED, []).append(self)

    @property
    def relation(self):
        return self.fk.remote_field.get_accessor_name()

    def kept_forms(self):
        """Filled-in rows not marked for deletion (blank extra rows have no data)."""
        return [
            form
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]


def submitted_rows(project):
    """``publishing.Rows`` of ``project`` as its inline formsets will save them (the
    saved rows for a relation without a formset), or None when a formset has
    errors of its own."""
    given = {}
    for formset in project.__dict__.get(SUBMITTED, ()):
        if formset.relation not in publishing.RELATIONS:
            continue
        if not formset.is_valid():
            return None
        given[formset.relation] = [form.instance for form in formset.kept_forms()]
    return publishing.saved_rows(project, **given)


def kept_rows(project, relation):
    """The rows of ``relation`` as the change form's formset will keep them (the
    saved ones when no formset edits it, as in the history's revert form), or
    None when the formset has errors of its own."""
    for formset in project.__dict__.get(SUBMITTED, ()):
        if formset.relation == relation:
            if not formset.is_valid():
                return None
            return [form.instance for form in formset.kept_forms()]
    if not project.pk:
        return []
    return list(getattr(project, relation).select_related("province"))


class ProjectForm(VersionedForm):
    """The project's admin form: a project is saved as published only when the
    publish checklist passes for it and the rows saved with it; a province named
    by a row it keeps stays among its provinces; a save over a version saved
    since the form was opened is refused (``locking``)."""

    def _post_clean(self):
        # After the model's own validation, when the instance holds what was
        # submitted (the inline formsets check their rows against it too).
        super()._post_clean()
        self.check_row_provinces()
        if self._errors or not publishing.published(self.instance):
            return
        rows = submitted_rows(self.instance)
        if rows is None:
            return  # the inlines' own errors come first
        if "sdg_goals" in self.cleaned_data:
            # The goals as they will be saved: those chosen and their targets'.
            targets = self.cleaned_data.get("sdg_targets") or []
            rows.sdg_goals = {goal.pk for goal in self.cleaned_data["sdg_goals"]} | {
                target.goal_id for target in targets
            }
        missing = publishing.missing_for_publication(self.instance, rows)
        if not missing:
            return
        self.add_error(
            None,
            [
                _(
                    "The project cannot be published yet. Complete what follows, "
                    "or save it as a draft:"
                ),
                *missing,
            ],
        )
        if "publication" in self.fields:
            self.add_error(
                "publication",
                _("Not ready to publish: see the list at the top of the page."),
            )
        # The programme's partner country: said beside the programme too.
        country = rules.programme_country_problems(self.instance, rows.participations)
        if country and "programme" in self.fields:
            self.add_error("programme", country)

    def check_row_provinces(self):
        """Beside the provinces: each one taken out that a subnational partner or
        a location still names, with the row. (A row naming a new province adds
        it on save: ``models.subnational``, ``models.locations``.)"""
        project = self.instance
        if "provinces" not in self.cleaned_data or not project.pk:
            return
        chosen = {province.pk for province in self.cleaned_data["provinces"] or ()}
        before = set(
            project.provinces.through.objects.filter(project=project.pk).values_list(
                "province_id", flat=True
            )
        )
        if not (removed := before - chosen):
            return
        subnational = kept_rows(project, "subnational_participations")
        locations = kept_rows(project, "locations")
        if subnational is None or locations is None:
            return  # the inlines' own errors come first
        if errors := removed_province_errors(removed, subnational, locations):
            self.add_error("provinces", errors)


class PublicationRefused(Exception):
    """A saved project would be published with something missing (the change is
    rolled back)."""

    def __init__(self, missing):
        super().__init__(" ".join(missing))
        self.missing = missing


def checklist_html(project):
    """The checklist of a saved project, each item marked done or missing, with
    what is missing in plain words."""
    if not project.pk:
        return _("The checklist appears once the project is saved.")
    checks = publishing.checklist(project)
    missing = sum(not check.done for check in checks)
    summary = (
        ngettext(
            "Not ready to publish: %(count)d item of the list is missing.",
            "Not ready to publish: %(count)d items of the list are missing.",
            missing,
        )
        % {"count": missing}
        if missing
        else _("Ready to publish: every item of the list is done.")
    )
    items = format_html_join(
        "",
        '<li><img src="{}" alt="{}" width="13" height="13"> {}{}</li>',
        (
            (
                static(f"admin/img/icon-{'yes' if check.done else 'no'}.svg"),
                _("Done:") if check.done else _("Missing:"),
                check.label,
                format_html(
                    "<ul>{}</ul>",
                    format_html_join("", "<li>{}</li>", ((p,) for p in check.problems)),
                )
                if check.problems
                else "",
            )
            for check in checks
        ),
    )
    return format_html(
        '<p>{}</p><ul class="publication-checklist">{}</ul><p class="help">{}</p>',
        summary,
        items,
        _("As last saved. Publishing checks the project again with your changes."),
    )


def publish_ready(model_admin, request, projects):
    """Publish those of ``projects`` whose checklist passes, one by one (history
    and signals as for any save); tell the user which were not and why. Returns
    the number published."""
    published = refused = 0
    for project in projects:
        if missing := publishing.missing_for_publication(project):
            refused += 1
            if refused <= NAMED_REFUSALS:
                model_admin.message_user(
                    request,
                    _("“%(title)s” was not published: %(missing)s")
                    % {"title": project, "missing": " ".join(missing)},
                    messages.ERROR,
                )
            continue
        project.publication = project.Publication.PUBLISHED
        project.save(update_fields=["publication", "updated_at"])
        published += 1
    if refused > NAMED_REFUSALS:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d more project was not published: something is missing; "
                "open it to see its checklist.",
                "%(count)d more projects were not published: something is missing "
                "in each; open them to see their checklists.",
                refused - NAMED_REFUSALS,
            )
            % {"count": refused - NAMED_REFUSALS},
            messages.ERROR,
        )
    return published
