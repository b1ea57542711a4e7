"""Background tasks of the accounts: the password-reset e-mail.

The reset page only enqueues the address: looking it up and sending happen here, so
the page answers the same, and as fast, whether or not the address has an account.
Links are built on ``DGCIN_SITE_URL``, never on the Host of a request.
"""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override

from .emails import site_url


def reset_url(user):
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return site_url(path)


@task()
def send_password_reset(email, language):
    """E-mail a link to choose a new password to each active account with a usable
    password and this address; returns how many were sent (0 for an unknown one)."""
    sent = 0
    for user in PasswordResetForm().get_users(email):
        with override(language):
            context = {
                "user": user,
                "url": reset_url(user),
                "days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
            }
            subject = render_to_string(
                "accounts/email/password_reset_subject.txt", context
            )
            mail = EmailMultiAlternatives(
                subject="".join(subject.splitlines()),
                body=render_to_string("accounts/email/password_reset.txt", context),
                to=[user.email],
            )
            mail.attach_alternative(
                render_to_string("accounts/email/password_reset.html", context),
                "text/html",
            )
        sent += mail.send()
    return sent
