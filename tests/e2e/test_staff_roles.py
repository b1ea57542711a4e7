"""An editor of one directorate, in a real browser: their own projects are theirs to
export, import and revert; another directorate's are not."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group

from directory.models import StaffMembership, Unit
from projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-Str0ng-passphrase"
SHOTS = "/tmp/e2e-shots"  # noqa: S108 - where the browser tests leave screenshots


@pytest.fixture
def editor_site(site, make_project, django_user_model):
    bilateral = Unit.objects.get(slug="bilateral-cooperation")
    multilateral = Unit.objects.get(slug="multilateral-cooperation")
    editor = django_user_model.objects.create_user(
        "editora", "editora@cancilleria.gob.ar", PASSWORD, is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editor de proyectos"))
    StaffMembership.objects.create(user=editor, unit=bilateral)
    projects = {
        "own": make_project(directorate=bilateral, title_es="Proyecto propio"),
        "other": make_project(directorate=multilateral, title_es="Proyecto ajeno"),
        "draft": make_project(
            directorate=multilateral,
            publication="draft",
            title_es="Borrador ajeno",
        ),
    }
    other = projects["other"]
    other.title_es = "Proyecto ajeno (editado)"
    other.save()  # a second version in its history
    return site, projects


def test_an_editor_cannot_import_export_or_revert_another_directorates_work(
    page, editor_site, tmp_path
):
    import os

    os.makedirs(SHOTS, exist_ok=True)
    site, projects = editor_site
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill("editora")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    # The list holds their directorate's projects and others' published ones.
    page.goto(f"{site}/admin/projects/project/")
    listed = page.locator("#result_list").inner_text()
    assert "Proyecto propio" in listed
    assert "Proyecto ajeno" in listed
    assert "Borrador ajeno" not in listed

    # Export: the file has no other directorate's draft.
    page.get_by_role("link", name=re.compile("Exportar")).click()
    page.wait_for_url(re.compile(r"/export/"))
    page.locator("select[name=format]").select_option(label="csv")
    page.screenshot(path=f"{SHOTS}/editor-export.png", full_page=True)
    with page.expect_download() as download:
        page.locator("input[type=submit], button[type=submit]").last.click()
    exported = (tmp_path / "export.csv").as_posix()
    download.value.save_as(exported)
    with open(exported, encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    slugs = {row["slug"] for row in rows}
    assert projects["own"].slug in slugs
    assert projects["draft"].slug not in slugs

    # Import: a row of another directorate's project is refused, row by row.
    row = next(r for r in rows if r["slug"] == projects["other"].slug)
    row["title_es"] = "Secuestrado"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    upload = tmp_path / "import.csv"
    upload.write_text(buffer.getvalue(), encoding="utf-8")
    page.goto(f"{site}/admin/projects/project/import/")
    page.locator("input[type=file]").set_input_files(upload.as_posix())
    page.locator("select[name=format]").select_option(label="csv")
    page.locator("input[type=submit], button[type=submit]").last.click()
    page.wait_for_load_state()
    page.screenshot(path=f"{SHOTS}/editor-import-refused.png", full_page=True)
    body = page.locator("body").inner_text()
    assert "pertenece a otra dirección" in body
    assert page.locator("form input[name=import_file_name]").count() == 0

    # Revert: another directorate's project shows its history but no revert.
    other = projects["other"]
    version = other.history.earliest()
    url = f"{site}/admin/projects/project/{other.pk}/history/{version.history_id}/"
    page.goto(url)
    page.screenshot(path=f"{SHOTS}/editor-revert-other.png", full_page=True)
    assert page.locator("input[name=_save], button[name=_save]").count() == 0
    token = page.context.cookies()
    csrf = next(c["value"] for c in token if c["name"] == "csrftoken")
    response = page.request.post(
        url,
        form={"csrfmiddlewaretoken": csrf, "title_es": "Revertido"},
        headers={"Referer": url, "X-CSRFToken": csrf},
    )
    assert response.status == 403
    other.refresh_from_db()
    assert other.title_es == "Proyecto ajeno (editado)"
    assert Project.objects.filter(title_es="Secuestrado").count() == 0

    # Reference data is not theirs to import.
    response = page.goto(f"{site}/admin/partners/bloc/import/")
    assert response.status == 403
