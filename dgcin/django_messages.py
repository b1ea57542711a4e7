"""Django's own messages that reach the public pages and the focal points' forms,
listed here so that the portal's catalogue words them its own way.

Django's Spanish catalogue addresses the reader formally and in Spain's words; the
portal writes as argentina.gob.ar does, in voseo and Argentine words ("Escribí un
número", "archivo"). A catalogue in LOCALE_PATHS takes precedence over Django's, and
``makemessages`` keeps these entries because they are marked here. Nothing imports
this module: the marks are for ``makemessages`` only.
"""

# The msgids are Django's, typographic apostrophes included.
# ruff: noqa: RUF001

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

FORM_FIELDS = (
    _("Enter a valid value."),
    _("Enter a valid URL."),
    _("Enter a valid integer."),
    _("Enter a valid email address."),
    _("Enter a number."),
    _("Enter a whole number."),
    _("Enter a valid date."),
    _("Enter a valid time."),
    _("Enter a valid date/time."),
    _("Enter a list of values."),
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has "
        "%(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        "max",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        "max",
    ),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("Select a valid choice. That choice is not one of the available choices."),
    _("The submitted file is empty."),
    _("No file was submitted."),
    _("No file was submitted. Check the encoding type on the form."),
    _("Please either submit a file or check the clear checkbox, not both."),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        "max",
    ),
    ngettext_lazy(
        "Please submit at most %(num)d form.",
        "Please submit at most %(num)d forms.",
        "num",
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.",
        "Please submit at least %(num)d forms.",
        "num",
    ),
    _("Conflicting form data submitted. Please try again."),
)

PASSWORDS = (
    _("Old password"),
    _("Enter new password"),
    _("Enter the same password as before, for verification."),
    _(
        "Please enter a correct %(username)s and password. Note that both fields "
        "may be case-sensitive."
    ),
    _("Your old password was entered incorrectly. Please enter it again."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    _("Your password can’t be too similar to your other personal information."),
    _("Your password can’t be a commonly used password."),
    _("Your password can’t be entirely numeric."),
)
