"""Optimistic locking of projects: two people never overwrite each other unawares.

Every save of a project moves its ``version`` one up (``Project.save``). The change
form and the history's revert form carry, in a hidden field, the version they were
opened on; a spreadsheet carries each row's version in its ``version`` column. A
save that carries an older version than the database's is refused with a message
that says who saved the project since, when, and what they changed, and links to the
project's history. The check reads the version with the row locked, inside the
save's transaction, so no other save can slip in between the check and the save.
"""

from django import forms
from django.conf import settings
from django.db import transaction
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


def newer_saves_text(project, version):
    """Who saved ``project`` after ``version``, when, and what changed."""
    saves = newer_saves(project, version)
    if not saves:
        return _("It was saved by someone else after you opened it.")
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
