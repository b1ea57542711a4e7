"""Staff accounts: 8-hour sessions, no private page kept in a cache, the sign-in
lockout by user *and* client address (behind a proxy and without one), and a
password reset that answers the same for every address and mails links on the
portal's own address."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from accounts.tasks import send_password_reset
from dgcin.middleware import PrivateCacheMiddleware
from tests.accounts.test_two_factor import app_for, code_of

PASSWORD = "a-Str0ng-passphrase"
STAFF_HOURS = 8


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "tomas@cancilleria.gob.ar",
        email="tomas@cancilleria.gob.ar",
        password=PASSWORD,
        is_staff=True,
    )


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, **extra
    )


def session_ends(client):
    """When the client's session ends, as the database keeps it."""
    return Session.objects.get(session_key=client.session.session_key).expire_date


# Sessions: a working day for staff, Django's default for focal points


def test_a_staff_session_lasts_eight_hours_from_the_sign_in(client, staff):
    before = timezone.now()
    sign_in(client, staff.username)
    ends = session_ends(client)
    assert before + timedelta(hours=STAFF_HOURS) <= ends
    assert ends <= timezone.now() + timedelta(hours=STAFF_HOURS)
    cookie = client.cookies["sessionid"]
    assert 0 < int(cookie["max-age"]) <= STAFF_HOURS * 3600
    # Using the admin does not push the end further.
    client.get(reverse("account"))
    assert session_ends(client) == ends


def test_a_staff_session_with_a_code_lasts_eight_hours_too(client, staff, settings):
    settings.DGCIN_STAFF_TWO_FACTOR = True
    device = app_for(staff)
    sign_in(client, staff.username)
    client.post(reverse("two-factor-verify"), {"code": code_of(device)})
    assert "_auth_user_id" in client.session
    assert session_ends(client) <= timezone.now() + timedelta(hours=STAFF_HOURS)


def test_a_focal_points_session_keeps_the_default_length(
    client, make_focal_point, settings
):
    sign_in(client, make_focal_point().username)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert session_ends(client) > timezone.now() + timedelta(days=13)


# Cache-Control: no-store on private pages


def no_store(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/login/",
        "/admin/projects/project/",
        "/accounts/login/",
        "/en/accounts/login/",
        "/accounts/password/reset/",
        "/accounts/two-factor/code/",
        "/proposals/",
        "/en/proposals/",
        "/proposals/new/",
    ],
)
def test_private_paths_are_never_stored_even_for_anonymous_visitors(
    client, directory_data, path
):
    assert no_store(client.get(path)), path


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/projects/", "/directory/", "/about/", "/partners/"]
)
def test_every_page_to_a_signed_in_person_is_never_stored(
    client, make_focal_point, path
):
    assert not no_store(client.get(path)), path  # public pages stay cacheable
    client.force_login(make_focal_point())
    assert no_store(client.get(path)), path


def test_staff_pages_are_never_stored(admin_client, directory_data):
    for path in ["/admin/", "/admin/directory/unit/", "/accounts/", "/"]:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert no_store(response), path


def test_an_answer_that_says_public_is_made_private_for_a_signed_in_person(
    client, rf, make_focal_point, settings
):
    """A page may let caches keep it (figures, downloads); not the copy a
    signed-in person gets."""

    def cacheable(request):
        response = HttpResponse("figures")
        patch_cache_control(response, public=True, max_age=3600)
        return response

    middleware = PrivateCacheMiddleware(cacheable)
    anonymous = middleware(rf.get("/projects/stats/"))
    assert anonymous["Cache-Control"] == "public, max-age=3600"

    client.force_login(make_focal_point())
    request = rf.get("/projects/stats/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    request.COOKIES[settings.SESSION_COOKIE_NAME] = key
    request.session = SessionStore(key)
    response = middleware(request)
    assert no_store(response)
    assert "public" not in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


# The sign-in lockout: a user from an address, never a user from anywhere


def fail(client, username, times, **extra):
    for _attempt in range(times):
        sign_in(client, username, password="wrong", **extra)


def test_behind_one_proxy_failures_lock_that_client_and_user_only(
    client, staff, settings
):
    settings.DGCIN_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    client_a = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    client_b = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    fail(client, staff.username, settings.AXES_FAILURE_LIMIT, **client_a)
    assert sign_in(client, staff.username, **client_a).status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.10"
    # Another client (same proxy) signs in as the same user.
    assert sign_in(client, staff.username, **client_b).status_code == 302
    # Client A's lock is on that user only.
    other = get_user_model().objects.create_user("otra", password=PASSWORD)
    assert sign_in(client, other.username, **client_a).status_code == 302


def test_behind_a_proxy_a_spoofed_forwarded_for_cannot_pick_the_address(
    client, staff, settings
):
    """The attacker at A writes B's address into X-Forwarded-For; the proxy
    appends A. The failures count for A, and B is not locked."""
    settings.DGCIN_PROXY_COUNT = 1
    attacker = {
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_X_FORWARDED_FOR": "198.51.100.20, 203.0.113.66",
    }
    fail(client, staff.username, settings.AXES_FAILURE_LIMIT, **attacker)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.66"
    }
    victim = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert sign_in(client, staff.username, **victim).status_code == 302


def test_behind_two_proxies_the_client_is_two_places_from_the_right(
    client, staff, settings
):
    settings.DGCIN_PROXY_COUNT = 2
    chain = {
        "REMOTE_ADDR": "10.0.0.6",
        "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.10, 10.0.0.5",
    }
    fail(client, staff.username, 1, **chain)
    assert AccessAttempt.objects.get().ip_address == "203.0.113.10"


def test_a_request_that_skipped_the_proxy_counts_by_its_connection(
    client, staff, settings
):
    settings.DGCIN_PROXY_COUNT = 1
    fail(client, staff.username, 1, REMOTE_ADDR="192.0.2.1")
    fail(client, staff.username, 1, REMOTE_ADDR="192.0.2.2", HTTP_X_FORWARDED_FOR="x")
    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "192.0.2.1",
        "192.0.2.2",
    ]


def test_without_a_proxy_forwarded_for_is_ignored(client, staff, settings):
    settings.DGCIN_PROXY_COUNT = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(
            client,
            staff.username,
            password="wrong",
            REMOTE_ADDR="203.0.113.10",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",  # a new one each time
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.10"
    }
    assert sign_in(client, staff.username, REMOTE_ADDR="203.0.113.10").status_code == (
        429
    )
    # Claiming to be the locked address changes nothing for someone else.
    assert (
        sign_in(
            client,
            staff.username,
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR="203.0.113.10",
        ).status_code
        == 302
    )


# Password reset


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_the_reset_link_is_on_the_portals_address_not_the_requests_host(
    client, make_focal_point, settings
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    settings.DGCIN_SITE_URL = "https://cooperacion.example.gob.ar"
    user = make_focal_point()
    response = client.post(
        reverse("password_reset"), {"email": user.email}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 302
    [message] = mail.outbox
    link = link_in(message)
    assert link.startswith(
        "https://cooperacion.example.gob.ar/accounts/password/reset/"
    )
    assert "evil.example" not in message.body
    assert "evil.example" not in message.alternatives[0].content
    assert link in message.alternatives[0].content


def test_the_reset_page_answers_the_same_for_any_address(client, make_focal_point):
    user = make_focal_point()
    known = client.post(reverse("password_reset"), {"email": user.email})
    unknown = client.post(reverse("password_reset"), {"email": "nadie@example.com"})
    assert (known.status_code, known["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    assert known["Location"] == reverse("password_reset_done")
    assert [message.to for message in mail.outbox] == [[user.email]]
    mail.outbox.clear()
    unknown = client.post(
        reverse("password_reset"), {"email": "nadie@example.com"}, follow=True
    )
    assert "Revisá tu correo electrónico" in unknown.text
    assert mail.outbox == []


def test_the_request_enqueues_the_mail_and_the_task_sends_it(
    client, make_focal_point, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    user = make_focal_point()
    client.post("/en/accounts/password/reset/", {"email": user.email.upper()})
    client.post("/accounts/password/reset/", {"email": "nadie@example.com"})
    assert mail.outbox == []  # the request sent nothing
    [known, unknown] = send_password_reset.get_backend().results
    assert known.args == [user.email.upper(), "en"]
    assert unknown.args == ["nadie@example.com", "es"]
    assert send_password_reset.call(*unknown.args) == 0
    assert mail.outbox == []
    assert send_password_reset.call(*known.args) == 1
    [message] = mail.outbox
    assert message.subject == "Choose a new password for the cooperation portal"
    assert "/en/accounts/password/reset/" in link_in(message)
