"""The two-step sign-in pages at /accounts/two-factor/: the code after the password,
setting up an authenticator app (QR code and secret, confirmed with a first code),
the backup codes shown once, and the page where a person sees and changes it.
The rules and the pending sign-in live in ``two_factor``."""

from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import two_factor
from .forms import CodeForm, SetupCodeForm
from .views import lockout


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _verified(request):
    return request.user.is_authenticated and request.user.is_verified()


def _wrong_code(wait):
    if wait:
        return ngettext(
            "Too many wrong codes in a row. Wait %(seconds)d second and try again.",
            "Too many wrong codes in a row. Wait %(seconds)d seconds and try again.",
            wait,
        ) % {"seconds": wait}
    return _(
        "That code is not right. Write the code your app shows now, or a backup "
        "code you have not used."
    )


def verify(request):
    """The code after the password (or for a session that has not passed one)."""
    user, _pending = two_factor.signing_in(request)
    if user is None:
        messages.info(request, _("Sign in again: the code step lasts ten minutes."))
        return redirect("login")
    next_url = two_factor.next_url(request)
    if _verified(request):
        return redirect(next_url)
    if not two_factor.has_device(user):
        if two_factor.must_use(user):
            return redirect(_with_next("two-factor-setup", next_url))
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        credentials = {"username": user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            two_factor.give_up(request)
            return lockout(request, credentials=credentials)
        device, wait = two_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            two_factor.complete(request, user, device)
            return redirect(next_url)
        two_factor.code_failed(request, user)
        if getattr(request, "axes_locked_out", False):
            # django-axes' middleware answers with the lockout page.
            two_factor.give_up(request)
        form.add_error("code", _wrong_code(wait))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": next_url},
        status=400 if form.errors else 200,
    )


def setup(request):
    """Set up an authenticator app: the first time for staff (right after the
    password), or whenever a signed-in person turns it on or changes phone."""
    user, _pending = two_factor.signing_in(request)
    if user is None:
        return redirect("login")
    next_url = two_factor.next_url(request)
    if two_factor.has_device(user) and not _verified(request):
        # Replacing an app takes a code from the current one (or a backup code).
        return redirect(_with_next("two-factor-verify", next_url))
    device = two_factor.new_device(request, user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(two_factor.NEW_DEVICE, None)
            two_factor.complete(request, user, device)
            request.session[two_factor.NEW_CODES] = codes
            messages.success(request, _("Two-step sign-in is on."))
            return redirect(_with_next("two-factor-backup-codes", next_url))
        form.add_error(
            "code",
            _(
                "That code is not right. Check that your phone's clock is right and "
                "write the code the app shows now."
            ),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": two_factor.qr_svg(device),
            "secret": two_factor.secret_of(device),
            "required": two_factor.must_use(user),
        },
        status=400 if form.errors else 200,
    )


@login_required
def backup_codes(request):
    """The backup codes, right after they are made; never again."""
    return render(
        request,
        "accounts/two_factor_backup_codes.html",
        {
            "codes": request.session.pop(two_factor.NEW_CODES, None),
            "left": two_factor.backup_codes_left(request.user),
            "next": two_factor.next_url(request),
        },
    )


@login_required
def overview(request):
    """The signed-in person's two-step sign-in: on or off, backup codes left."""
    user = request.user
    return render(
        request,
        "accounts/two_factor.html",
        {
            "has_device": two_factor.has_device(user),
            "required": two_factor.must_use(user),
            "left": two_factor.backup_codes_left(user),
            "form": CodeForm(),
        },
    )


@login_required
@require_POST
def new_backup_codes(request):
    if not _verified(request):
        return redirect(_with_next("two-factor-verify", reverse("two-factor")))
    request.session[two_factor.NEW_CODES] = two_factor.new_backup_codes(request.user)
    return redirect(_with_next("two-factor-backup-codes", reverse("two-factor")))


@login_required
@require_POST
def turn_off(request):
    """Focal points may turn it off, with a code; staff may not while the policy
    holds."""
    user = request.user
    if two_factor.must_use(user):
        messages.error(request, _("Staff accounts must use two-step sign-in."))
        return redirect("two-factor")
    form = CodeForm(request.POST)
    if form.is_valid():
        device, wait = two_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            two_factor.turn_off(user)
            messages.success(request, _("Two-step sign-in is off."))
            return redirect("two-factor")
        form.add_error("code", _wrong_code(wait))
    return render(
        request,
        "accounts/two_factor.html",
        {
            "has_device": two_factor.has_device(user),
            "required": False,
            "left": two_factor.backup_codes_left(user),
            "form": form,
        },
        status=400,
    )


def admin_login(request):
    """/admin/login/: with the staff policy on, staff sign in on the portal's page,
    which asks for the code; without it, the admin's own page."""
    if not settings.DGCIN_STAFF_TWO_FACTOR:
        return admin.site.login(request)
    next_url = request.GET.get("next") or reverse("admin:index")
    return redirect(_with_next("login", next_url))
