"""Accounts in the admin: focal-point accounts (invited, deactivated, reactivated)
and the e-mail language on every user."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.models import FocalPointAccount, Profile

from .emails import invite
from .forms import FocalPointAccountForm
from .people import set_active


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

    @admin.display(description=_("active"), boolean=True, ordering="user__is_active")
    def is_active(self, account):
        return account.user.is_active

    @admin.display(description=_("last sign-in"), ordering="user__last_login")
    def last_login(self, account):
        return account.user.last_login

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

    @admin.action(description=_("Send the invitation again"))
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

    @admin.action(description=_("Deactivate (the person left; proposals stay)"))
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

    @admin.action(description=_("Reactivate"))
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
class PortalUserAdmin(UserAdmin):
    inlines = [ProfileInline]
