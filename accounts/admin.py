"""Accounts in the admin: focal-point accounts (invited, deactivated, reactivated)
and the e-mail language on every user."""

from axes.admin import AccessAttemptAdmin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.models import FocalPointAccount, Profile, language_of

from . import permissions
from .emails import invite
from .forms import FocalPointAccountForm
from .people import set_active
from .permission_labels import with_permission_labels
from .roles import role_named
from .two_factor import turn_off


@admin.register(FocalPointAccount)
class FocalPointAccountAdmin(admin.ModelAdmin):
    form = FocalPointAccountForm
    list_display = (
        "__str__",
        "email",
        "focal_point",
        "is_active",
        "invited_at",
        "last_login",
    )
    list_filter = ("user__is_active", "focal_point__province")
    list_select_related = ("user", "focal_point__province")
    search_fields = (
        "user__first_name",
        "user__last_name",
        "user__email",
        "focal_point__province__name",
    )
    autocomplete_fields = ("focal_point",)
    readonly_fields = ("invited_at", "last_login")
    actions = ["send_invitations", "deactivate", "reactivate"]
    fieldsets = [
        (None, {"fields": ("focal_point",)}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Access"), {"fields": ("invited_at", "last_login")}),
    ]

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, account):
        return account.user.email

    # The person's other fields (the form's, not the account's) as a member of
    # staff who may only read sees them.
    @admin.display(description=_("first name"))
    def first_name(self, account):
        return account.user.first_name

    @admin.display(description=_("last name"))
    def last_name(self, account):
        return account.user.last_name

    @admin.display(description=_("language of e-mails"))
    def language(self, account):
        return dict(settings.LANGUAGES).get(language_of(account.user))

    @admin.display(description=_("active"), boolean=True, ordering="user__is_active")
    def is_active(self, account):
        return account.user.is_active

    @admin.display(description=_("last sign-in"), ordering="user__last_login")
    def last_login(self, account):
        # Never signed in: the admin's "-" (a read-only page would print "None").
        return account.user.last_login or self.get_empty_value_display()

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change:
                invite(obj)
        if not change:
            self.message_user(
                request,
                _("An invitation to choose a password was sent to %(email)s.")
                % {"email": obj.user.email},
                messages.SUCCESS,
            )

    # The actions change accounts: offered to those who may (not to readers).
    @admin.action(description=_("Send the invitation again"), permissions=["change"])
    def send_invitations(self, request, queryset):
        count = 0
        for account in queryset.select_related("user"):
            if account.user.is_active and not account.user.has_usable_password():
                invite(account)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation sent. Accounts that already have a password "
                "can use “Forgot your password?” on the sign-in page.",
                "%(count)d invitations sent. Accounts that already have a password "
                "can use “Forgot your password?” on the sign-in page.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    @admin.action(
        description=_("Deactivate (the person left; proposals stay)"),
        permissions=["change"],
    )
    def deactivate(self, request, queryset):
        count = set_active(queryset, active=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d account deactivated.",
                "%(count)d accounts deactivated.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Reactivate"), permissions=["change"])
    def reactivate(self, request, queryset):
        count = set_active(queryset, active=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d account reactivated.",
                "%(count)d accounts reactivated.",
                count,
            )
            % {"count": count},
        )


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ("language",)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
@with_permission_labels
class PortalUserAdmin(UserAdmin):
    inlines = [ProfileInline]

    # Staff who manage accounts give roles; rights beyond them are a superuser's.
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.may_grant_permissions(request.user):
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or permissions.may_manage_account(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or permissions.may_manage_account(request.user, obj)
        )

    actions = ["reset_two_factor"]

    @admin.action(
        description=_("Reset two-step sign-in (lost phone)"), permissions=["change"]
    )
    def reset_two_factor(self, request, queryset):
        """Remove the app and backup codes: staff set a new app up at their next
        sign-in; focal points sign in with their password alone."""
        # A superuser's account is only a superuser's to reset (may_manage_account).
        users = [
            user
            for user in queryset
            if permissions.may_manage_account(request.user, user)
        ]
        for user in users:
            turn_off(user)
        count = len(users)
        self.message_user(
            request,
            ngettext(
                "Two-step sign-in reset for %(count)d account.",
                "Two-step sign-in reset for %(count)d accounts.",
                count,
            )
            % {"count": count},
        )


# Devices are managed from the sign-in pages and the action above: their own admin
# pages would show other people's secret keys.
for device_admin in ("otp_totp.TOTPDevice", "otp_static.StaticDevice"):
    model = apps.get_model(device_admin)
    if admin.site.is_registered(model):
        admin.site.unregister(model)


admin.site.unregister(Group)


@admin.register(Group)
@with_permission_labels
class RoleAdmin(GroupAdmin):
    """The groups, shipped roles first with what each may do (accounts/roles.py
    sets their permissions after every migrate; docs/permissions.md has the
    table)."""

    list_display = ("name", "description", "members")
    fields = ("name", "description", "permissions")

    def get_readonly_fields(self, request, obj=None):
        """A shipped role is defined in accounts/roles.py (migrate puts it back);
        another group's rights are a superuser's to set."""
        if obj is not None and role_named(obj.name):
            return ("name", "description", "permissions")
        if not permissions.may_grant_permissions(request.user):
            return ("description", "permissions")
        return ("description",)

    def has_delete_permission(self, request, obj=None):
        shipped = obj is not None and role_named(obj.name) is not None
        return super().has_delete_permission(request, obj) and not shipped

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("user"))

    @admin.display(description=_("what it may do"))
    def description(self, group):
        role = role_named(group.name)
        if role is None:
            return _("A group of this installation (not a shipped role).")
        return role.description

    @admin.display(description=_("members"), ordering="member_count")
    def members(self, group):
        return group.member_count


# django-axes' "Clean up expired attempts" reads the time its middleware sets only
# on sign-in requests: from the admin it was a 500. It deletes attempts, so it is
# offered to those who may delete them.
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockoutAttemptAdmin(AccessAttemptAdmin):
    @admin.action(
        description=AccessAttemptAdmin.cleanup_expired_attempts.short_description,
        permissions=["delete"],
    )
    def cleanup_expired_attempts(self, request, queryset):
        AxesProxyHandler.update_request(request)
        return super().cleanup_expired_attempts(request, queryset)
