"""Addresses that changed when proposals moved to their own app still lead there:
e-mails sent before the move link to the old admin pages."""

import pytest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/projects/proposal/", "/admin/proposals/proposal/"),
        ("/admin/projects/proposal/42/change/", "/admin/proposals/proposal/42/change/"),
        (
            "/admin/projects/proposal/?status__exact=submitted",
            "/admin/proposals/proposal/?status__exact=submitted",
        ),
    ],
)
def test_old_proposal_admin_addresses_redirect_for_good(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_project_admin_is_not_redirected(client):
    response = client.get("/admin/projects/project/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
