"""The API's documentation page in a real browser: Swagger UI from our own static
files renders every operation under the site's Content-Security-Policy, and asks
no other host for anything."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_documentation_renders_from_our_files_under_the_csp(page, site):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    response = page.goto(site + "/api/v1/docs")
    assert "script-src" in response.headers["content-security-policy"]
    operations = page.locator(".opblock-summary-path")
    operations.first.wait_for()
    paths = set(operations.all_inner_texts())
    assert {"/api/v1/projects", "/api/v1/projects/{slug}", "/api/v1/blocs"} <= {
        path.replace("\u200b", "") for path in paths
    }
    assert page.csp_violations == []
    assert hosts == {urlsplit(site).netloc}
