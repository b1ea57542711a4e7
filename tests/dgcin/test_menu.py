"""The main menu is the public's: proposals appear in it only for the focal points
and the staff who review them; everybody else sees "Focal points: sign in"."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db


def main_menu(text):
    menu = text[text.index('class="main-nav"') :]
    return menu[: menu.index("</nav>")]


def account_links(text):
    links = text[text.index('class="account-links"') :]
    return links[: links.index("</nav>")]


@pytest.mark.parametrize(
    ("prefix", "proposals", "sign_in"),
    [("", "Propuestas", "Puntos focales: ingresar"), ("/en", "Proposals", None)],
)
def test_the_public_sees_no_proposals_but_the_focal_points_sign_in(
    client, directory_data, prefix, proposals, sign_in
):
    text = client.get(f"{prefix}/").text
    assert proposals not in main_menu(text)
    assert "/proposals/" not in main_menu(text)
    sign_in = sign_in or "Focal points: sign in"
    assert (
        f'<a href="{prefix}/accounts/login/?next={prefix}/proposals/">{sign_in}</a>'
        in account_links(text)
    )


def test_signing_in_from_the_header_leads_to_the_proposals(client, make_focal_point):
    user = make_focal_point()
    response = client.post(
        "/accounts/login/?next=/proposals/",
        {"username": user.email, "password": "a-Str0ng-passphrase"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/proposals/"


def test_a_focal_point_sees_the_proposals_in_the_menu(client, make_focal_point):
    client.force_login(make_focal_point())
    menu = main_menu(client.get("/").text)
    assert '<a href="/proposals/">Propuestas</a>' in menu
    text = client.get("/proposals/").text
    assert 'aria-current="page">Propuestas</a>' in main_menu(text)
    assert "Puntos focales: ingresar" not in text


def test_a_reviewer_sees_the_proposals_in_the_menu(client, directory_data):
    reviewer = get_user_model().objects.create_user(
        username="revisora", password="a-Str0ng-passphrase", is_staff=True
    )
    reviewer.user_permissions.add(Permission.objects.get(codename="review_proposal"))
    client.force_login(reviewer)
    assert '<a href="/en/proposals/">Proposals</a>' in main_menu(
        client.get("/en/").text
    )


def test_other_signed_in_staff_do_not(client, directory_data):
    staff = get_user_model().objects.create_user(
        username="editor", password="a-Str0ng-passphrase", is_staff=True
    )
    client.force_login(staff)
    text = client.get("/").text
    assert "Propuestas" not in main_menu(text)
    assert "Puntos focales: ingresar" not in text


def test_a_deactivated_focal_point_does_not(client, make_focal_point):
    user = make_focal_point()
    client.force_login(user)
    user.is_active = False
    user.save()
    assert "Propuestas" not in main_menu(client.get("/about/").text)


def test_the_menu_costs_the_public_no_query(client, directory_data):
    """The decision is lazy: a page for the public asks nothing about proposals."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/about/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/about/")
    assert not [q for q in queries if "focalpointaccount" in q["sql"]]
    assert not [q for q in queries if "auth_permission" in q["sql"]]
