"""Two-step sign-in (django-otp): a code from an authenticator app (TOTP) after the
password, or one of the backup codes (django-otp's static tokens).

Staff must use it when ``DGCIN_STAFF_TWO_FACTOR`` is on (always, but in the test
settings); focal points may turn it on in their account. The password alone never
signs such a person in: it starts a *pending* sign-in kept in the session for a few
minutes, and only a right code turns it into a session (``complete``). A staff
session that has not passed a code (one from before this existed) is good for
nothing but the code step and signing out (``StaffTwoFactorMiddleware``).

Wrong codes are refused in two ways: django-otp makes each device wait longer after
every failure (1, 2, 4, 8… seconds), and each failure counts, like a wrong password,
towards django-axes' lock of that user from that address.
"""

import math
import re
import time
from base64 import b32encode
from datetime import timedelta
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

PENDING = "accounts.two_factor.pending"
NEW_DEVICE = "accounts.two_factor.new_device"
NEW_CODES = "accounts.two_factor.new_codes"

# How long the code step may take after the password, and how many backup codes.
PENDING_SECONDS = 10 * 60
BACKUP_CODES = 10


# Who needs a code


def has_device(user):
    """Whether ``user`` has set up an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_use(user):
    """Whether ``user`` may not turn two-step sign-in off (staff, by the policy)."""
    return bool(user.is_staff and settings.DGCIN_STAFF_TWO_FACTOR)


def needs_code(user):
    """Whether ``user``'s password must be followed by a code."""
    return must_use(user) or has_device(user)


# Devices, the QR code and backup codes


def new_device(request, user):
    """The app this session is setting up for ``user``, not saved until its first
    code confirms it: its secret is made once per session and kept there, so a
    reload shows the same QR code and a visit leaves nothing behind."""
    setup = request.session.get(NEW_DEVICE)
    if not setup or setup["user"] != user.pk:
        setup = {"user": user.pk, "key": random_hex(20)}
        request.session[NEW_DEVICE] = setup
    return TOTPDevice(user=user, key=setup["key"], name=_("Authenticator app"))


def secret_of(device):
    """The device's secret as an app asks for it typed in: base32, in groups of 4."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device):
    """The device's otpauth:// address as an inline SVG QR code (no script, no
    remote image)."""
    code = segno.make(device.config_url, error="m")
    # segno escapes the title; the rest is numbers and a path.
    return mark_safe(  # noqa: S308
        code.svg_inline(
            scale=4,
            border=4,
            dark="#000",
            light="#fff",
            svgclass="qr-code",
            title=_("QR code to scan with your authenticator app"),
        )
    )


def normalise(code):
    return re.sub(r"\s+", "", code or "").lower()


def seconds_to_wait(device):
    """0, or how long ``device`` refuses to try codes after repeated failures."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return 0
    until = details.get("locked_until", timezone.now())
    return max(1, math.ceil((until - timezone.now()).total_seconds()))


@transaction.atomic
def confirm(device, code):
    """Save the new ``device`` if ``code`` is its code now; it replaces the user's
    other app. Returns the new backup codes, or None if the code is not right."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time()
    if not totp.verify(int(normalise(code)), device.tolerance):
        return None
    TOTPDevice.objects.filter(user=device.user).delete()
    device.confirmed = True
    device.last_t = totp.t()  # this code is used: it cannot sign in again
    device.drift = totp.drift
    device.save()
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user):
    """A new set of backup codes for ``user`` (the old ones stop working)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "backup", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def turn_off(user):
    """Remove ``user``'s app and backup codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def check_code(user, code):
    """(device, wait): the device that accepted ``code`` (six digits: the app; else a
    backup code), or None; ``wait`` is the seconds to wait when the device refused
    to try because of earlier failures."""
    code = normalise(code)
    devices = TOTPDevice if re.fullmatch(r"\d{6}", code) else StaticDevice
    with transaction.atomic():
        device = (
            devices.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .first()
        )
        if device is None:
            return None, 0
        wait = seconds_to_wait(device)
        if wait:
            return None, wait
        return (device if device.verify_token(code) else None), 0


def code_failed(request, user):
    """Count a wrong code like a wrong password (django-axes, user and address)."""
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.get_username()},
        request=request,
    )


# The pending sign-in between the password and the code


def safe_next(request, url, default):
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def begin(request, user, next_url):
    """The password was right: remember who is signing in until the code comes."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "since": int(time.time()),
    }
    return redirect(step_url(user))


def step_url(user):
    return reverse("two-factor-verify" if has_device(user) else "two-factor-setup")


def pending_user(request):
    """The user of this session's pending sign-in, if it is still fresh."""
    pending = request.session.get(PENDING)
    if not pending:
        return None
    if time.time() - pending["since"] > PENDING_SECONDS:
        del request.session[PENDING]
        return None
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first()


def signing_in(request):
    """(user, pending): who is at the code step: a pending sign-in, or a signed-in
    user who has not passed a code in this session."""
    if request.user.is_authenticated:
        return request.user, False
    user = pending_user(request)
    return user, user is not None


def next_url(request):
    """Where to go once the code is right: the page asked for, if it is ours."""
    pending = request.session.get(PENDING) or {}
    return safe_next(
        request,
        request.POST.get("next") or request.GET.get("next") or pending.get("next"),
        resolve_url(settings.LOGIN_REDIRECT_URL),
    )


def complete(request, user, device):
    """The code was right: sign ``user`` in (if not yet) with ``device``."""
    pending = request.session.pop(PENDING, None)
    if not request.user.is_authenticated:
        login(request, user, backend=pending["backend"])
    otp_login(request, device)


def give_up(request):
    """End the pending sign-in (or the unverified session) after too many wrong
    codes: the password is asked again."""
    request.session.pop(PENDING, None)
    if request.user.is_authenticated:
        logout(request)


# Staff sessions last a working day (focal points keep Django's default).


@receiver(user_logged_in, dispatch_uid="accounts.two_factor.staff_session_age")
def limit_staff_session(sender, request, user, **kwargs):
    """Connected when this module is imported, which happens at start-up
    (accounts.admin and accounts.forms import it, MIDDLEWARE names it)."""
    if user.is_staff and request is not None and hasattr(request, "session"):
        request.session.set_expiry(
            timezone.now() + timedelta(seconds=settings.DGCIN_STAFF_SESSION_AGE)
        )


class StaffTwoFactorMiddleware:
    """With the staff policy on, a staff session that has not passed a code is sent
    to the code step (or to set up the app), whatever page it asks for.

    After django_otp.middleware.OTPMiddleware, which tells whether it has."""

    OPEN = {"two-factor-verify", "two-factor-setup", "logout"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if not settings.DGCIN_STAFF_TWO_FACTOR:
            return None
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return None
        if request.resolver_match.url_name in self.OPEN:
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{step_url(user)}?{query}")
