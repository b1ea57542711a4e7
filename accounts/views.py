"""Accounts at /accounts/: sign in and out, password change and reset, the
invitation that lets a new focal point choose a password, the language of e-mails,
and the page a locked-out sign-in gets."""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from directory.models import FocalPointAccount, Profile

from . import two_factor
from .emails import invitation_token
from .forms import LoginForm, PasswordResetForm, ProfileForm


class InvitationView(auth_views.PasswordResetConfirmView):
    """The link in the invitation: choose a password, then sign in."""

    template_name = "accounts/invitation.html"
    token_generator = invitation_token
    reset_url_token = "choose-password"  # noqa: S105 (a URL segment)
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. You can sign in now."))
        return response


@login_required
def account(request):
    """The signed-in person's account: who they are, their province, e-mail language."""
    profile = Profile.objects.filter(user=request.user).first() or Profile(
        user=request.user
    )
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences were saved."))
        return redirect("account")
    focal_point_account = (
        FocalPointAccount.objects.select_related("focal_point__province")
        .filter(user=request.user)
        .first()
    )
    return render(
        request,
        "accounts/account.html",
        {"form": form, "focal_point_account": focal_point_account},
        status=400 if form.errors else 200,
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """A right password signs in, unless a code must follow (staff, and focal
        points who turned it on): then the code step, or setting up the app."""
        user = form.get_user()
        if two_factor.needs_code(user):
            return two_factor.begin(self.request, user, self.get_success_url())
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer for every address: the form enqueues the e-mail, which is
    built on DGCIN_SITE_URL (accounts/tasks.py)."""

    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("password_reset_done")


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: when to try again, translated."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else 60,
    }
    return render(request, "registration/lockout.html", context, status=429)
