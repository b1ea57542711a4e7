"""Permission names in the reader's language, for the user and group admins.

Django writes a permission's name into the database, in English, when it creates
it ("Can change project"), and its permission pickers show that name. Here each
permission is named from the model's translated verbose name and a translated
action ("Proyectos | Puede cambiar proyecto"); the portal's own permissions
(``Meta.permissions``) keep the translated name their model declares; a history
model is "history of <model>". Apps and models whose library names them in English
only get their names here. The mixin also words the password page's warning, which
Django builds in English once when it starts.
"""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, Permission
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partners.admin_text import WithoutLinkRows

ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}
# Names the libraries give only in English.
APP_NAMES = {
    "django_tasks_database": _("Background tasks"),
    "otp_static": _("Two-step sign-in: backup codes"),
    "otp_totp": _("Two-step sign-in: authenticator apps"),
}
MODEL_NAMES = {
    "otp_static.staticdevice": _("set of backup codes"),
    "otp_static.statictoken": _("backup code"),
    "otp_totp.totpdevice": _("authenticator app"),
}


def model_name(model):
    if (name := MODEL_NAMES.get(model._meta.label_lower)) is not None:
        return name
    original = getattr(model, "instance_type", None)  # a simple-history model
    if original is not None:
        return gettext("history of %(model)s") % {"model": model_name(original)}
    owner = model._meta.auto_created  # a many-to-many field's table
    if owner:
        field = next(
            f for f in owner._meta.many_to_many if f.remote_field.through is model
        )
        return f"{model_name(owner)} · {field.verbose_name}"
    return model._meta.verbose_name


def app_name(app_label):
    if (name := APP_NAMES.get(app_label)) is not None:
        return name
    try:
        return apps.get_app_config(app_label).verbose_name
    except LookupError:
        return app_label


def permission_label(permission):
    """ "App | Can <action> <model>" in the active language (the content type is
    read with the permission: select_related("content_type"))."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:  # a model that is gone
        return str(permission)
    declared = dict(model._meta.permissions)
    action = permission.codename.split("_", 1)[0]
    if permission.codename in declared:
        name = declared[permission.codename]
    elif permission.codename == f"{action}_{model._meta.model_name}" and (
        action in ACTIONS
    ):
        name = ACTIONS[action] % {"model": model_name(model)}
    else:
        name = permission.name
    return f"{capfirst(app_name(content_type.app_label))} | {name}"


class PermissionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class PasswordChangeForm(AdminPasswordChangeForm):
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist">'
        '<li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


# Read-only permission lists are shown by these methods instead (Django would list
# the English names).
READ_ONLY = {
    "permissions": "permission_names",
    "user_permissions": "user_permission_names",
}


def permission_list(permissions):
    labels = sorted(
        permission_label(p) for p in permissions.select_related("content_type")
    )
    if not labels:
        return "—"
    return format_html(
        "<ul>{}</ul>",
        format_html_join("", "<li>{}</li>", ((label,) for label in labels)),
    )


class PermissionLabelsAdmin(WithoutLinkRows):
    """Put in front of the user and group admins (``with_permission_labels``): the
    permission pickers and read-only lists name permissions in the reader's
    language; delete confirmations leave out the link rows."""

    change_password_form = PasswordChangeForm

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.related_model is Permission:
            kwargs.setdefault(
                "queryset", Permission.objects.select_related("content_type")
            )
            kwargs["form_class"] = PermissionsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [READ_ONLY.get(name, name) for name in fields]

    def get_fieldsets(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))

        def shown(name):
            return READ_ONLY[name] if READ_ONLY.get(name) in readonly else name

        return [
            (title, {**options, "fields": [shown(name) for name in options["fields"]]})
            for title, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description=Group._meta.get_field("permissions").verbose_name)
    def permission_names(self, group):
        return permission_list(group.permissions.all())

    @admin.display(
        description=get_user_model()._meta.get_field("user_permissions").verbose_name
    )
    def user_permission_names(self, user):
        return permission_list(user.user_permissions.all())


def with_permission_labels(admin_class):
    """Class decorator for the user and group admins: the returned subclass puts
    PermissionLabelsAdmin in front, so it also rewrites what the admin class's own
    methods return (its read-only fields)."""
    return type(
        admin_class.__name__,
        (PermissionLabelsAdmin, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )
