"""Two-step sign-in: staff give a code from an authenticator app (or a backup code)
after the password before the admin opens; focal points may turn it on.

The test settings turn the staff policy off (dgcin/settings/test.py) so other tests
can use force_login; these tests turn it on and go through the whole sign-in."""

import re
import time
from base64 import b32decode

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor

PASSWORD = "a-Str0ng-passphrase"


@pytest.fixture
def policy_on(settings):
    settings.DGCIN_STAFF_TWO_FACTOR = True


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "sofia@cancilleria.gob.ar",
        email="sofia@cancilleria.gob.ar",
        password=PASSWORD,
        first_name="Sofía",
        is_staff=True,
        is_superuser=True,
    )


def app_for(user):
    return TOTPDevice.objects.create(user=user, name="teléfono", confirmed=True)


def code_of(device, steps_ahead=0):
    """The code the app shows now (or ``steps_ahead`` periods later: a code is
    accepted once, so a second sign-in in the same period uses the next one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def app_from_page(page, user):
    """The app a person sets up from the key the setup page shows (as they would
    type it when the camera fails)."""
    secret = re.search(r'<code class="secret-key">([A-Z2-7 ]+)</code>', page)[1]
    key = b32decode(secret.replace(" ", "")).hex()
    return TOTPDevice(user=user, key=key)


def sign_in(client, username, next_url=None, **extra):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


# Staff, with the policy on


def test_staff_give_a_code_after_the_password_before_the_admin_opens(
    client, policy_on, staff, django_assert_max_num_queries
):
    device = app_for(staff)
    response = client.get("/admin/", follow=True)
    login_url, _status = response.redirect_chain[-1]
    assert login_url == "/accounts/login/?next=%2Fadmin%2F"

    response = sign_in(client, staff.username, next_url="/admin/")
    assert response["Location"] == reverse("two-factor-verify")
    assert not signed_in(client)  # the password alone opens nothing
    assert client.get("/admin/")["Location"].startswith("/admin/login/")

    with django_assert_max_num_queries(6):
        page = client.get(reverse("two-factor-verify"))
    assert "Código de ingreso" in page.text
    assert 'autocomplete="one-time-code"' in page.text
    response = client.post(reverse("two-factor-verify"), {"code": code_of(device)})
    assert response["Location"] == "/admin/"
    assert signed_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_counts_towards_the_lockout(
    client, policy_on, staff, settings
):
    device = app_for(staff)
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # here only axes' count is at stake
    sign_in(client, staff.username)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("two-factor-verify"), {"code": wrong})
        assert response.status_code == 400
        assert "Ese código no es correcto." in response.text
    assert not signed_in(client)

    # The last failure locks this user from this address, like wrong passwords.
    response = client.post(reverse("two-factor-verify"), {"code": wrong})
    assert response.status_code == 429
    assert two_factor.PENDING not in client.session
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == (staff.username, "127.0.0.1")
    assert sign_in(client, staff.username).status_code == 429
    # From another address the password still leads to the code step.
    response = sign_in(client, staff.username, REMOTE_ADDR="203.0.113.9")
    assert response["Location"] == reverse("two-factor-verify")


def test_a_badly_written_code_is_not_an_attempt(client, policy_on, staff):
    app_for(staff)
    sign_in(client, staff.username)
    response = client.post(reverse("two-factor-verify"), {"code": "12ab"})
    assert response.status_code == 400
    assert "Escribí los seis dígitos que muestra tu app" in response.text
    assert not AccessAttempt.objects.exists()


def test_the_app_waits_longer_after_each_wrong_code(client, policy_on, staff, settings):
    device = app_for(staff)
    settings.OTP_TOTP_THROTTLE_FACTOR = 600  # the first wait: ten minutes
    sign_in(client, staff.username)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    client.post(reverse("two-factor-verify"), {"code": wrong})
    # Even the right code is not tried while the device waits.
    response = client.post(reverse("two-factor-verify"), {"code": code_of(device)})
    assert response.status_code == 400
    assert "Ingresaste varios códigos incorrectos seguidos. Esperá" in response.text
    assert not signed_in(client)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_code_works_once(client, policy_on, staff):
    device = app_for(staff)
    code = code_of(device)
    sign_in(client, staff.username)
    client.post(reverse("two-factor-verify"), {"code": code})
    assert signed_in(client)
    client.logout()
    sign_in(client, staff.username)
    response = client.post(reverse("two-factor-verify"), {"code": code})
    assert response.status_code == 400
    assert not signed_in(client)


def test_a_backup_code_signs_in_once(client, policy_on, staff):
    app_for(staff)
    codes = two_factor.new_backup_codes(staff)
    sign_in(client, staff.username)
    response = client.post(
        reverse("two-factor-verify"),
        {"code": f" {codes[0][:4].upper()} {codes[0][4:]}"},
    )
    assert response.status_code == 302
    assert signed_in(client)
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    client.logout()
    sign_in(client, staff.username)
    assert (
        client.post(reverse("two-factor-verify"), {"code": codes[0]}).status_code == 400
    )


def test_the_code_step_lasts_ten_minutes(client, policy_on, staff):
    device = app_for(staff)
    sign_in(client, staff.username)
    session = client.session
    session[two_factor.PENDING]["since"] -= two_factor.PENDING_SECONDS + 1
    session.save()
    response = client.post(reverse("two-factor-verify"), {"code": code_of(device)})
    assert response["Location"] == reverse("login")
    assert not signed_in(client)


def test_the_next_address_must_be_the_portals(client, policy_on, staff):
    device = app_for(staff)
    sign_in(client, staff.username, next_url="https://evil.example/")
    response = client.post(reverse("two-factor-verify"), {"code": code_of(device)})
    assert response["Location"] == reverse("proposals:proposal-list")


def test_staff_without_an_app_set_one_up_at_their_first_sign_in(
    client, policy_on, staff, django_assert_max_num_queries
):
    response = sign_in(client, staff.username, next_url="/admin/")
    assert response["Location"] == reverse("two-factor-setup")
    assert not signed_in(client)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("two-factor-setup"))
    assert page.status_code == 200
    # The QR code is drawn on the server, inline: no script, no remote image.
    qr_code = re.search(r'<svg [^>]*class="qr-code"', page.text)
    assert qr_code
    assert "<script" not in page.text.split("<main")[1]
    phone = app_from_page(page.text, staff)
    assert not TOTPDevice.objects.exists()  # nothing is saved before it works
    # Reloading keeps the same secret (the person may be scanning it).
    assert app_from_page(client.get(reverse("two-factor-setup")).text, staff).key == (
        phone.key
    )

    response = client.post(reverse("two-factor-setup"), {"code": "000000"})
    assert response.status_code == 400
    assert "Revisá que la hora de tu teléfono esté bien" in response.text
    assert not TOTPDevice.objects.exists()
    code = code_of(phone)
    response = client.post(reverse("two-factor-setup"), {"code": code})
    assert response["Location"] == "/accounts/two-factor/backup-codes/?next=%2Fadmin%2F"
    assert signed_in(client)
    device = TOTPDevice.objects.get(user=staff)
    assert (device.confirmed, device.key) == (True, phone.key)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    # The backup codes are shown once.
    page = client.get(response["Location"]).text
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    )
    again = client.get(response["Location"]).text
    assert not re.findall(r"<li><code>", again)
    assert "Te quedan 10 códigos de respaldo sin usar." in again
    assert client.get("/admin/").status_code == 200
    # The code that confirmed the app does not sign in a second time.
    client.logout()
    sign_in(client, staff.username)
    assert client.post(reverse("two-factor-verify"), {"code": code}).status_code == 400


def test_a_person_with_an_app_cannot_set_up_another_without_a_code(
    client, policy_on, staff
):
    app_for(staff)
    sign_in(client, staff.username)
    response = client.get(reverse("two-factor-setup"))
    assert response["Location"].startswith(reverse("two-factor-verify"))
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_staff_session_without_a_code_is_sent_to_the_code_step(
    client, policy_on, staff
):
    device = app_for(staff)
    client.force_login(staff)  # e.g. a session from before the policy
    for path in ["/admin/", "/proposals/", "/accounts/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("two-factor-verify")), path
    response = client.post(
        f"{reverse('two-factor-verify')}?next=/admin/", {"code": code_of(device)}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_staff_session_without_an_app_is_sent_to_set_one_up(client, policy_on, staff):
    client.force_login(staff)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("two-factor-setup"))
    assert client.get(response["Location"]).status_code == 200


def test_the_admin_sign_in_page_sends_staff_to_the_portals(client, policy_on):
    response = client.get("/admin/login/?next=/admin/projects/project/")
    assert response["Location"] == (
        "/accounts/login/?next=%2Fadmin%2Fprojects%2Fproject%2F"
    )


def test_staff_may_not_turn_it_off(client, policy_on, staff):
    device = app_for(staff)
    sign_in(client, staff.username)
    client.post(reverse("two-factor-verify"), {"code": code_of(device)})
    page = client.get(reverse("two-factor")).text
    assert "Las cuentas del personal tienen que usar el ingreso en dos pasos." in page
    assert reverse("two-factor-off") not in page
    client.post(reverse("two-factor-off"), {"code": code_of(device, 1)})
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_with_the_policy_off_staff_sign_in_with_the_password(client, staff):
    assert client.get("/admin/login/").status_code == 200  # the admin's own page
    response = sign_in(client, staff.username, next_url="/admin/")
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_user_administrators_reset_a_lost_phone(admin_client, staff):
    app_for(staff)
    two_factor.new_backup_codes(staff)
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [staff.pk]},
        follow=True,
    )
    assert "Se restableció el ingreso en dos pasos de 1 cuenta." in response.text
    assert not two_factor.has_device(staff)
    assert two_factor.backup_codes_left(staff) == 0


# Focal points: optional


def test_a_focal_point_turns_it_on_then_signs_in_with_a_code_then_turns_it_off(
    client, make_focal_point, django_assert_max_num_queries
):
    user = make_focal_point()
    assert sign_in(client, user.username)["Location"] == reverse(
        "proposals:proposal-list"
    )  # off: the password alone
    overview = client.get(reverse("two-factor")).text
    assert "Desactivado: ingresás solo con tu contraseña." in overview
    assert reverse("two-factor") in client.get(reverse("account")).text

    setup_url = f"{reverse('two-factor-setup')}?next={reverse('two-factor')}"
    with django_assert_max_num_queries(11):
        page = client.get(setup_url)
    device = app_from_page(page.text, user)
    response = client.post(setup_url, {"code": code_of(device)})
    assert response["Location"].startswith(reverse("two-factor-backup-codes"))
    client.get(response["Location"])
    assert "Activado" in client.get(reverse("two-factor")).text

    client.logout()
    response = sign_in(client, user.username)
    assert response["Location"] == reverse("two-factor-verify")
    assert not signed_in(client)
    response = client.post(reverse("two-factor-verify"), {"code": code_of(device, 1)})
    assert response["Location"] == reverse("proposals:proposal-list")

    # Turning it off takes a code.
    response = client.post(reverse("two-factor-off"), {"code": "000000"})
    assert response.status_code == 400
    assert two_factor.has_device(user)
    codes = two_factor.new_backup_codes(user)
    response = client.post(reverse("two-factor-off"), {"code": codes[0]})
    assert response["Location"] == reverse("two-factor")
    assert not two_factor.has_device(user)
    client.logout()
    assert sign_in(client, user.username)["Location"] == reverse(
        "proposals:proposal-list"
    )


def test_new_backup_codes_replace_the_old_ones(client, make_focal_point):
    user = make_focal_point()
    device = app_for(user)
    old = two_factor.new_backup_codes(user)
    sign_in(client, user.username)
    client.post(reverse("two-factor-verify"), {"code": code_of(device)})
    response = client.post(reverse("two-factor-new-backup-codes"))
    page = client.get(response["Location"]).text
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10
    assert not set(old) & set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )


def test_the_code_pages_need_a_sign_in_under_way(client, db):
    assert client.get(reverse("two-factor-verify"))["Location"] == reverse("login")
    assert client.get(reverse("two-factor-setup"))["Location"] == reverse("login")
    assert client.get(reverse("two-factor"))["Location"].startswith(reverse("login"))
    response = client.get(reverse("two-factor-backup-codes"))
    assert response["Location"].startswith(reverse("login"))
