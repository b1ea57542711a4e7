"""Accounts at /accounts/: sign in and out, password change and reset, the
invitation that lets a new focal point choose a password, and language of e-mails."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import redirect, render
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from .models import FocalPointAccount, Profile, Unit, language_of


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like a reset token (it dies once a password is set), but not interchangeable
    with one."""

    key_salt = "directory.accounts.InvitationTokenGenerator"


invitation_token = InvitationTokenGenerator()


def site_url(path):
    """``path`` on the portal's public address (for e-mails, outside a request)."""
    return f"{settings.DGCIN_SITE_URL.rstrip('/')}{path}"


def invitation_url(user):
    with override(language_of(user)):
        path = reverse(
            "invitation",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": invitation_token.make_token(user),
            },
        )
    return site_url(path)


@task()
def send_invitation(user_id):
    """E-mail a focal point the link to choose their password; returns 1 if sent."""
    account = (
        FocalPointAccount.objects.select_related("user", "focal_point__province")
        .filter(user_id=user_id, user__is_active=True)
        .first()
    )
    if account is None or not account.user.email:
        return 0
    user = account.user
    with override(language_of(user)):
        context = {
            "user": user,
            "account": account,
            "url": invitation_url(user),
            "days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
            "sender": Unit.objects.head_office_name(),
            "login_url": site_url(reverse("login")),
        }
        mail = EmailMultiAlternatives(
            subject=_("Your account for the cooperation proposals of %(province)s")
            % {"province": account.focal_point.province.name},
            body=render_to_string("accounts/email/invitation.txt", context),
            to=[user.email],
        )
        mail.attach_alternative(
            render_to_string("accounts/email/invitation.html", context), "text/html"
        )
    return mail.send()


def invite(account):
    """Record the invitation and send it once the transaction commits."""
    from django.db import transaction

    account.invited_at = timezone.now()
    account.save(update_fields=["invited_at"])
    transaction.on_commit(lambda: send_invitation.enqueue(account.user_id))


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


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["language"]
        help_texts = {
            "language": gettext_lazy(
                "The language of the e-mails the portal sends you."
            )
        }


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


class LoginForm(AuthenticationForm):
    def clean_username(self):
        """Focal points' user names are their e-mails, kept in lower case."""
        username = self.cleaned_data["username"].strip()
        return username.lower() if "@" in username else username


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
