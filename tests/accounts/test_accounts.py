"""Focal points: the public network page, accounts made in the admin with an
invitation, sign-in with lockout, password change and reset, in both languages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from directory.models import FocalPoint, FocalPointAccount, Profile
from partners.models import Province
from tests.directory.test_admin import change_form_data

PASSWORD = "a-Str0ng-passphrase"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "admin", "admin@cancilleria.gob.ar", PASSWORD
    )


def signs_in(client, username, password):
    """Whether the sign-in page lets ``username`` in (through django-axes)."""
    client.logout()
    client.post(reverse("login"), {"username": username, "password": password})
    signed_in = "_auth_user_id" in client.session
    client.logout()
    return signed_in


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


# The public page


def test_the_public_page_lists_every_jurisdiction_and_hides_private_people(
    client, partners_data, directory_data
):
    FocalPoint.objects.create(
        province=Province.objects.get(code="AR-T"),
        institution="Secretaría de Cooperación de Tucumán",
        email="cooperacion@tucuman.gob.ar",
        phone="(0381) 484-4000",
        person_name="Persona Reservada",
        person_email="reservada@example.com",
    )
    FocalPoint.objects.create(
        province=Province.objects.get(code="AR-H"),
        institution="Ministerio de Producción del Chaco",
        person_name="Persona Pública",
        person_position="Directora de Relaciones Internacionales",
        person_is_public=True,
    )
    page = client.get(reverse("directory:focal-point-list")).text
    assert page.count('class="card"') == 24
    assert "Secretaría de Cooperación de Tucumán" in page
    assert 'href="tel:+543814844000"' in page
    assert "Persona Pública, Directora de Relaciones Internacionales" in page
    assert "Persona Reservada" not in page
    assert "reservada@example.com" not in page
    assert "los puntos focales de 2 de las 24 jurisdicciones" in page
    assert "Todavía no figura acá." in page
    english = client.get("/en" + reverse("directory:focal-point-list")).text
    assert "Provincial focal points" in english


def test_the_directory_links_to_the_focal_points(client, partners_data, directory_data):
    page = client.get(reverse("directory:directory")).text
    assert f'href="{reverse("directory:focal-point-list")}"' in page


def test_the_public_page_makes_few_queries(
    client, partners_data, directory_data, count_queries
):
    empty = count_queries(client, reverse("directory:focal-point-list"))
    for province in Province.objects.all()[:10]:
        FocalPoint.objects.create(province=province, institution="Institución")
    assert count_queries(client, reverse("directory:focal-point-list")) == empty


# Accounts made in the admin, with an invitation


def test_staff_create_an_account_that_gets_an_invitation_and_no_password(
    client, superuser, references, django_capture_on_commit_callbacks
):
    focal_point = FocalPoint.objects.create(
        province=Province.objects.get(code="AR-T"), institution="Cooperación Tucumán"
    )
    client.force_login(superuser)
    url = reverse("admin:directory_focalpointaccount_add")
    data = change_form_data(client.get(url)) | {
        "focal_point": focal_point.pk,
        "first_name": "Lucía",
        "last_name": "Gómez",
        "email": "Lucia.Gomez@Tucuman.gob.ar",
        "language": "en",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    account = FocalPointAccount.objects.get()
    user = account.user
    assert user.username == user.email == "lucia.gomez@tucuman.gob.ar"
    assert not user.has_usable_password()
    assert not user.is_staff
    assert account.invited_at is not None
    assert Profile.objects.get(user=user).language == "en"
    [invitation] = mail.outbox
    assert invitation.to == ["lucia.gomez@tucuman.gob.ar"]
    assert "Tucumán" in invitation.subject
    assert "Choose your password" in invitation.body  # in her language
    assert PASSWORD not in invitation.body

    # She follows the link, chooses a password and signs in.
    client.logout()
    link = link_in(invitation)
    assert "/en/accounts/invitation/" in link
    form_page = client.get(link, follow=True)
    assert "Welcome: choose your password" in form_page.text
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 302
    assert signs_in(client, "lucia.gomez@tucuman.gob.ar", PASSWORD)
    # The link works once.
    client.logout()
    assert "already been used" in client.get(link, follow=True).text


def test_an_account_email_must_be_new(client, superuser, make_focal_point):
    existing = make_focal_point()
    client.force_login(superuser)
    url = reverse("admin:directory_focalpointaccount_add")
    data = change_form_data(client.get(url)) | {
        "focal_point": existing.focal_point_account.focal_point.pk,
        "first_name": "Otra",
        "last_name": "Persona",
        "email": existing.email.upper(),
        "language": "es",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ya existe una cuenta con este correo electrónico." in response.text
    assert FocalPointAccount.objects.count() == 1


def test_invitations_can_be_sent_again_and_accounts_deactivated(
    client, superuser, make_focal_point, django_capture_on_commit_callbacks
):
    with_password = make_focal_point()
    invited = make_focal_point()
    invited.set_unusable_password()
    invited.save()
    client.force_login(superuser)
    url = reverse("admin:directory_focalpointaccount_changelist")
    accounts = FocalPointAccount.objects.values_list("pk", flat=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"action": "send_invitations", "_selected_action": list(accounts)},
        )
    assert [message.to for message in mail.outbox] == [[invited.email]]
    client.post(
        url,
        {
            "action": "deactivate",
            "_selected_action": [with_password.focal_point_account.pk],
        },
    )
    with_password.refresh_from_db()
    assert not with_password.is_active
    assert not signs_in(client, with_password.username, PASSWORD)


# Signing in and out, passwords


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_account_pages_in_both_languages(client, make_focal_point, prefix):
    words = {
        "": ("Ingresar", "Cambiar tu contraseña", "¿Olvidaste tu contraseña?"),
        "/en": ("Sign in", "Change your password", "Forgot your password?"),
    }[prefix]
    assert words[0] in client.get(f"{prefix}/accounts/login/").text
    assert words[2] in client.get(f"{prefix}/accounts/password/reset/").text
    client.force_login(make_focal_point())
    assert words[1] in client.get(f"{prefix}/accounts/password/").text
    assert client.get(f"{prefix}/accounts/").status_code == 200


def test_sign_in_with_the_email_in_any_case_then_sign_out(client, make_focal_point):
    user = make_focal_point(email="ana@tucuman.gob.ar")
    response = client.post(
        reverse("login"), {"username": "Ana@Tucuman.gob.ar ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:proposal-list")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("logout")).status_code == 405  # a POST only
    response = client.post(reverse("logout"), follow=True)
    assert "_auth_user_id" not in client.session
    assert "Saliste de tu cuenta." in response.text


def test_a_wrong_password_says_so_without_telling_which(client, make_focal_point):
    user = make_focal_point()
    response = client.post(
        reverse("login"), {"username": user.username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "El correo electrónico o la contraseña no son correctos." in response.text


def test_lockout_after_repeated_failures_says_when_to_retry(
    client, make_focal_point, settings
):
    user = make_focal_point()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "bad"})
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Vas a poder volver a intentarlo en 60 minutos." in response.text
    assert reverse("password_reset") in response.text
    assert "_auth_user_id" not in client.session


def test_password_change(client, make_focal_point):
    user = make_focal_point()
    client.force_login(user)
    new = "another-Str0ng-passphrase"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_by_email(client, make_focal_point):
    user = make_focal_point()
    response = client.post(
        "/en/accounts/password/reset/", {"email": user.email.upper()}
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "Choose a new password for the cooperation portal"
    link = link_in(message)
    form_page = client.get(link, follow=True)
    new = "another-Str0ng-passphrase"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )
    user.refresh_from_db()
    assert user.check_password(new)


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(
        reverse("password_reset"), {"email": "nobody@example.com"}, follow=True
    )
    assert "Revisá tu correo electrónico" in response.text
    assert mail.outbox == []


def test_the_language_of_emails_is_a_preference(client, make_focal_point):
    user = make_focal_point()
    client.force_login(user)
    response = client.post(reverse("account"), {"language": "en"})
    assert response.status_code == 302
    assert Profile.objects.get(user=user).language == "en"
    assert client.post(reverse("account"), {"language": "xx"}).status_code == 400
