import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

MANAGE = [sys.executable, str(settings.BASE_DIR / "manage.py")]
PROD_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "cooperacion.example.gob.ar",
    "DJANGO_SITE_URL": "https://cooperacion.example.gob.ar",
    "DATABASE_URL": "sqlite:///:memory:",
    # Not a real CUIT: an identifier of the right shape (see prod.py).
    "DGCIN_IATI_ORG_REF": "AR-CUIT-00000000000",
}


def csp_of(response):
    return dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize("path", ["/", "/en/directory/", "/no-such-page/"])
def test_strict_csp_on_public_pages(client, directory_data, path):
    policy = csp_of(client.get(path))
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in str(policy)
    assert "unsafe-eval" not in str(policy)


def test_no_inline_script_or_style_in_public_pages(client, directory_data):
    for path in ["/", "/about/", "/directory/", "/directory/dgcin/"]:
        text = client.get(path).text
        assert "<script>" not in text
        assert "<style" not in text
        assert "style=" not in text


def test_admin_works_under_the_csp(admin_client, directory_data):
    unit = directory_data["bilateral-cooperation"]
    for path in [
        "/admin/",
        "/admin/directory/unit/",
        f"/admin/directory/unit/{unit.pk}/change/",
        f"/admin/directory/unit/{unit.pk}/history/",
    ]:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        nonce = csp_of(response)["script-src"].split("'nonce-")[1].rstrip("'")
        # Every script is a file from 'self' or carries the page's nonce.
        for tag in re.findall(r"<script[^>]*>", response.text):
            assert 'src="/' in tag or f'nonce="{nonce}"' in tag, (path, tag)
        assert " style=" not in response.text


def test_admin_login_page_has_csp(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" in response


def run_manage(*args, env):
    return subprocess.run(  # noqa: S603
        [*MANAGE, *args],
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_production_settings_pass_the_deploy_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        "--settings=dgcin.settings.prod",
        env=PROD_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_SITE_URL"]
)
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = run_manage("check", "--settings=dgcin.settings.prod", env=env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_admin_sign_in_locks_after_repeated_failures_with_a_clear_message(client):
    from django.contrib.auth.models import User

    User.objects.create_user("staff", password="right-password-123", is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(
            "/admin/login/", {"username": "staff", "password": "wrong"}
        )
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "staff", "password": "wrong"})
    assert response.status_code == 429
    assert "bloqueado" in response.text
    assert "60 minutos" in response.text
    # Even the right password is refused while the lock lasts.
    response = client.post(
        "/admin/login/", {"username": "staff", "password": "right-password-123"}
    )
    assert response.status_code == 429


def test_admin_import_export_and_history_pages_have_no_inline_style(
    admin_client, directory_data, partners_data
):
    unit = directory_data["dgcin"]
    for path in [
        "/admin/partners/country/export/",
        "/admin/partners/country/import/",
        f"/admin/directory/unit/{unit.pk}/history/",
    ]:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert " style=" not in response.text, path
