"""The admin's strings that Django's and the libraries' Spanish catalogues lack,
listed here so that the portal's catalogue translates them.

Django 6.1's Spanish catalogue is behind its new strings ("Run", "- Select an
option -", "Search %(name)s"), django-simple-history and django-axes ship no Spanish
at all, import-export and django-tasks-db miss some. A catalogue in LOCALE_PATHS
takes precedence over every app's, and ``makemessages`` keeps these entries because
they are marked here; the msgids must be the libraries' exactly. Nothing imports
this module. ``tests/dgcin/test_admin_spanish.py`` walks the admin and fails on any
English it still shows.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

DJANGO = (
    _("- Select an option -"),
    _("Run"),
    _("Filter by %(field_name)s"),
    _(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting "
        "the following protected related objects:"
    ),
    _(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? "
        "All of the following related items will be deleted:"
    ),
    _("Pagination %(name)s entries"),
    _("Pagination %(name)s"),
    _("Search %(name)s"),
    _("Logout"),
    ngettext_lazy(
        "…and %(count)d more object.", "…and %(count)d more objects.", "count"
    ),
    _('The app "%s" could not be found.'),
    _("No %s matches the given query."),
    _("“%(value)s” is not a valid binary value."),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)

SIMPLE_HISTORY = (
    _("View history: %s"),
    _("Change history: %s"),
    _('The %(name)s "%(obj)s" was changed successfully.'),
    _("You may edit it again below"),
    _("View %s"),
    _("Revert %s"),
    _("Created"),
    _("Changed"),
    _("Deleted"),
    _(
        "Choose a date from the list below to revert to a previous version of this "
        "object."
    ),
    _("This object doesn't have a change history."),
    _("View %(verbose_name)s"),
    _("Revert %(verbose_name)s"),
    _("Press the 'Revert' button below to revert to this version of the object."),
    _("Press the 'Change History' button below to edit the history."),
    _("Revert"),
    _("Change History"),
)

IMPORT_EXPORT = (
    _('Select at least 1 field for "%(resource_name)s" to export'),
    _(
        "No valid data to import. Ensure your file has the correct headers or data "
        "for import."
    ),
    _("Value could not be parsed."),
    _("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    # import-export formats this msgid before translating it (its admin's log).
    _("new through import_export"),
    _("update through import_export"),
    _("delete through import_export"),
    _("export failed due to IllegalCharacterError"),
)

AXES = (
    _("Form Data"),
    _("Meta Data"),
    _("Account locked: too many login attempts. Please try again later."),
    _(
        "Account locked: too many login attempts. Contact an admin to unlock your "
        "account."
    ),
    _("User Agent"),
    _("IP Address"),
    _("Username"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("Access lock out"),
    _("access failure"),
    _("access failures"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("access attempt"),
    _("access attempts"),
    _("Logout Time"),
    _("access log"),
    _("access logs"),
    _("Access Attempt"),
    _("Expires At"),
    _("The time when access attempt expires and is no longer valid."),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("Session key hash (sha256)"),
    _("Locked Out"),
    _("Clean up expired attempts"),
    _("Not set"),
    _("Attempt Remaining"),
)

TASKS = (
    _("status"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("run after"),
    _("return value"),
    _("exception class path"),
    _("traceback"),
    _("Task Result"),
    _("Task Results"),
)
