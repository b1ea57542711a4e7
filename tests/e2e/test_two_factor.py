"""Two-step sign-in in a real browser, with the staff policy on: a staff member
signs in with a password and a real TOTP code, and another sets the app up at
their first sign-in from the QR page's key."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.test_public_site import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-Str0ng-passphrase"


@pytest.fixture
def policy_on(settings):
    settings.DGCIN_STAFF_TWO_FACTOR = True


def make_staff(email):
    return get_user_model().objects.create_user(
        email, email=email, password=PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(page, site, username):
    page.goto(f"{site}/admin/")  # the admin sends them to the portal's sign-in
    page.wait_for_url(re.compile(r"/accounts/login/\?next=%2Fadmin%2F$"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()


def test_staff_sign_in_with_a_code_from_their_app(page, site, policy_on):
    staff = make_staff("sofia@cancilleria.gob.ar")
    device = TOTPDevice.objects.create(user=staff, name="teléfono", confirmed=True)

    sign_in(page, site, staff.username)
    page.wait_for_url(re.compile(r"/accounts/two-factor/code/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Código de ingreso"
    assert axe_violations(page) == []
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    page.get_by_label("Código").fill(code)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "Contenido del portal" in page.locator("#content").inner_text()
    assert page.csp_violations == []


def test_staff_set_up_their_app_at_the_first_sign_in(page, site, policy_on):
    staff = make_staff("tomas@cancilleria.gob.ar")

    sign_in(page, site, staff.username)
    page.wait_for_url(re.compile(r"/accounts/two-factor/setup/$"))
    assert page.locator("svg.qr-code").is_visible()
    assert axe_violations(page) == []
    # What a person types into the app when the camera fails: the page's key.
    secret = page.locator("code.secret-key").inner_text().replace(" ", "")
    code = f"{totp(b32decode(secret)):06d}"
    page.get_by_label("Código").fill(code)
    page.get_by_role("button", name="Confirmar").click()

    page.wait_for_url(re.compile(r"/accounts/two-factor/backup-codes/"))
    assert page.locator(".backup-codes li").count() == 10
    assert axe_violations(page) == []
    page.get_by_role("link", name="Continuar").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert page.csp_violations == []
