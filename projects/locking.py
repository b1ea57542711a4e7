"""Optimistic locking of projects: two people never overwrite each other unawares.

Every save of a project moves its ``version`` one up (``Project.save``). The change
form and the history's revert form carry, in a hidden field, the version they were
opened on; a spreadsheet carries each row's version in its ``version`` column. A
save that carries an older version than the database's is refused with a message
that says who saved the project since, when, and what they changed, and links to the
project's history. The check reads the version with the row locked, inside the
save's transaction, so no other save can slip in between the check and the save.

A project's rows saved or deleted anywhere but its change form (a mission's or a
transaction's own admin page, a result's or an indicator's, a spreadsheet of rows)
move the version up too (``rows_changed``): a change form opened before would
otherwise save its old copy of those rows back over them.
"""

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Project

EDIT_VERSION = "edit_version"
# Fields that change on every save or that the portal sets: not what a person
# changed.
NOT_CHANGES = [
    "updated_at",
    "version",
    "search_text",
    "start_year",
    "created_at",
    "iati_identifier",
]


# How a row reaches its project: a mission's project, an indicator's result's.
PARENTS = ("result", "indicator")


def project_id_of(row):
    """The id of the project ``row`` (a mission, a result, an indicator, an
    indicator's period…) belongs to, or None."""
    while row is not None and not hasattr(row, "project_id"):
        row = next(
            (getattr(row, name) for name in PARENTS if hasattr(row, f"{name}_id")),
            None,
        )
    return row.project_id if row is not None else None


def saved_project_id(row):
    """The id of the project ``row`` belongs to in the database (before a save
    that may move it to another project), or None for a new row."""
    if row.pk is None or row._state.adding:
        return None
    saved = type(row)._default_manager.filter(pk=row.pk).first()
    return project_id_of(saved) if saved is not None else None


def rows_changed(*project_ids):
    """Rows of these projects were saved or deleted outside the project's change
    form: each project's version moves one up (in the caller's transaction), so a
    form or a spreadsheet opened before is refused. No history record of the
    project is written: the rows' own records are its history."""
    ids = {pk for pk in project_ids if pk is not None}
    if ids:
        Project.objects.filter(pk__in=ids).update(
            version=F("version") + 1, updated_at=timezone.now()
        )


class RowsRaiseVersion:
    """The admin of a project's rows on pages of their own: every save or delete
    moves the project's version up (``rows_changed``)."""

    def save_model(self, request, obj, form, change):
        before = saved_project_id(obj) if change else None
        super().save_model(request, obj, form, change)
        rows_changed(before, project_id_of(obj))

    def delete_model(self, request, obj):
        project_id = project_id_of(obj)
        super().delete_model(request, obj)
        rows_changed(project_id)

    def delete_queryset(self, request, queryset):
        project_ids = {project_id_of(row) for row in queryset}
        super().delete_queryset(request, queryset)
        rows_changed(*project_ids)


def current_version(project):
    """``project``'s version in the database; locked when inside a transaction."""
    return project.saved_version(lock=transaction.get_connection().in_atomic_block)


def newer_saves(project, version):
    """The history records of ``project`` saved after ``version``, newest first."""
    return list(
        Project.history.filter(id=project.pk, version__gt=version)
        .select_related("history_user")
        .order_by("-version", "-history_id")
    )


def changed_fields(project, version, newest):
    """The names of the fields that ``newest`` (a history record) changed since
    ``version``, as a person reads them."""
    base = (
        Project.history.filter(id=project.pk, version__lte=version)
        .order_by("-version", "-history_id")
        .first()
    )
    if base is None:
        return []
    delta = newest.diff_against(base, excluded_fields=NOT_CHANGES)
    names = {field.name for field in Project._meta.get_fields()}
    return [
        str(Project._meta.get_field(name).verbose_name)
        for name in delta.changed_fields
        # "summary" mirrors "summary_es" or "summary_en", which are named.
        if f"{name}_{settings.LANGUAGE_CODE}" not in names
    ]


def person(user):
    if user is None:
        return _("an import or an automatic task")
    return user.get_full_name() or user.get_username()


def when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def newer_rows_text(project, version):
    """Who last changed one of ``project``'s rows (outside its form: no record of
    the project) after ``version`` was saved, when, and what kind of row; None
    when no record says. One query per kind of row, on a refused save only."""
    from .history import history_of

    base = (
        Project.history.filter(id=project.pk, version__lte=version)
        .order_by("-version", "-history_id")
        .first()
    )
    if base is None:
        return None
    newest = None
    for records in history_of(Project, project.pk)[1:]:
        record = (
            records.filter(history_date__gt=base.history_date)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
            .first()
        )
        if record and (newest is None or record.history_date > newest.history_date):
            newest = record
    if newest is None:
        return None
    return _(
        "Its %(rows)s were changed after that, the last time by %(who)s on %(when)s."
    ) % {
        "rows": newest.instance_type._meta.verbose_name_plural,
        "who": person(newest.history_user),
        "when": when(newest.history_date),
    }


def newer_saves_text(project, version):
    """Who saved ``project`` after ``version``, when, and what changed."""
    saves = newer_saves(project, version)
    if not saves:
        return newer_rows_text(project, version) or _(
            "It was saved by someone else after you opened it."
        )
    newest = saves[0]
    text = ngettext(
        "It was saved %(count)d time after that, by %(who)s on %(when)s.",
        "It was saved %(count)d times after that, the last by %(who)s on %(when)s.",
        len(saves),
    ) % {
        "count": len(saves),
        "who": person(newest.history_user),
        "when": when(newest.history_date),
    }
    if fields := changed_fields(project, version, newest):
        text += " " + _("Changed: %(fields)s.") % {"fields": ", ".join(fields)}
    return text


def history_link(project):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("admin:projects_project_history", args=[project.pk]),
        _("See the changes in the project's history"),
    )


def conflict_message(project, version):
    """The change form's message when the project changed after it was opened."""
    return format_html(
        "{} {} {} {}.",
        _("Nothing was saved: someone else saved this project while you had it open."),
        newer_saves_text(project, version),
        _(
            "What you typed is still in the form below. Check their changes, then "
            "save again if yours should replace them:"
        ),
        history_link(project),
    )


def stale_row_message(project, version, current):
    """An import row's message when the project changed after the file was
    exported (at ``version``; it is at ``current``)."""
    return " ".join(
        [
            _(
                "This project changed in the portal after this file was exported "
                "(the file has version %(file)s, the portal %(portal)s)."
            )
            % {"file": version, "portal": current},
            newer_saves_text(project, version),
            _(
                "Nothing in this row was saved: export the projects again and make "
                "your change in the new file."
            ),
        ]
    )


class VersionedForm(forms.ModelForm):
    """A project form that carries the version it was opened on and refuses a save
    over a newer one, giving back everything typed."""

    edit_version = forms.IntegerField(
        label=gettext_lazy("version"),
        widget=forms.HiddenInput,
        required=False,
        min_value=0,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            # The database's version, not the instance's: the history's revert form
            # edits an old version of the project.
            self.initial[EDIT_VERSION] = self.instance.saved_version()

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get(EDIT_VERSION)
        if opened is None or not self.instance.pk:
            return cleaned_data
        current = current_version(self.instance)
        if opened != current:
            self.add_error(None, conflict_message(self.instance, opened))
            # The form comes back on the version whose changes the message names:
            # saving it again, having looked, replaces them.
            self.data = self.data.copy()
            self.data[self.add_prefix(EDIT_VERSION)] = str(current)
        return cleaned_data
