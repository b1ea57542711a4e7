"""E-mails the accounts send and the links in them: the invitation that lets a new
focal point choose a password, and the portal's public address for any e-mail."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from directory.models import FocalPointAccount, Unit, language_of


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like a reset token (it dies once a password is set), but not interchangeable
    with one."""

    # Kept from the module's first home so that links already sent still work.
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
    account.invited_at = timezone.now()
    account.save(update_fields=["invited_at"])
    transaction.on_commit(lambda: send_invitation.enqueue(account.user_id))
