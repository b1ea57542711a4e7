"""Importing back an unchanged spreadsheet changes nothing; an old one never undoes
newer edits without saying so, row by row."""

import csv
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.formats.base_formats import XLSX

from partners.models import (
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Province,
    Region,
)
from projects.models import Project
from tests.directory import test_admin as directory_admin

pytestmark = pytest.mark.django_db

FORMATS = {"csv": "0", "xlsx": "1"}


def export(client, url, extension):
    """The spreadsheet the admin's export gives, every column ticked."""
    form = client.get(f"{url}export/").context["form"]
    data = {"format": FORMATS[extension], "resource": "0"}
    data |= {
        name: "on"
        for name in form.fields
        if name not in ("format", "resource", "export_items")
    }
    response = client.post(f"{url}export/", data)
    assert response.status_code == 200
    return response.content


def rows_of(content, extension):
    if extension == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    dataset = XLSX().create_dataset(content)
    return [dict(zip(dataset.headers, row, strict=True)) for row in dataset]


def as_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def as_file(rows, extension):
    """``rows`` saved again by a spreadsheet program, in the same format."""
    if extension == "csv":
        return as_csv(rows)
    dataset = tablib.Dataset(headers=list(rows[0]))
    for row in rows:
        dataset.append(list(row.values()))
    return XLSX().export_data(dataset)


def preview(client, url, content, extension):
    response = client.post(
        f"{url}import/",
        {
            "resource": "0",
            "format": FORMATS[extension],
            "import_file": SimpleUploadedFile(f"sheet.{extension}", content),
        },
    )
    assert response.status_code == 200
    return response


def confirm(client, url, preview_response):
    form = preview_response.context["confirm_form"]
    return client.post(
        f"{url}process_import/", {name: form[name].value() for name in form.fields}
    )


def state(model):
    """Every row as it is (its last-updated time and version included) and how
    many history entries there are."""
    return model.history.count(), list(model.objects.order_by("pk").values())


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_unchanged_project_spreadsheet_imports_as_all_skipped(
    admin_client, make_project, extension
):
    projects = [make_project(), make_project(fo_ar_number="2023", summary_en="")]
    url = "/admin/projects/project/"
    before = state(Project)
    versions = {p.pk: Project.objects.get(pk=p.pk).version for p in projects}

    shown = preview(admin_client, url, export(admin_client, url, extension), extension)

    result = shown.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["skip"] == 2
    assert result.totals["update"] == result.totals["new"] == 0
    assert [row.import_type for row in result.valid_rows()] == ["skip", "skip"]
    assert "Omitido" in shown.text  # each row is listed as skipped
    assert confirm(admin_client, url, shown).status_code == 302
    assert state(Project) == before
    assert {p.pk: Project.objects.get(pk=p.pk).version for p in projects} == versions


REFERENCE_LISTS = [
    ("partners/country", Country),
    ("partners/organisation", Organisation),
    ("partners/blocmembership", BlocMembership),
    ("partners/region", Region),
    ("partners/province", Province),
    ("partners/bloc", Bloc),
]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize(("path", "model"), REFERENCE_LISTS)
def test_an_unchanged_reference_list_imports_as_all_skipped(
    admin_client, references, path, model, extension
):
    url = f"/admin/{path}/"
    before = state(model)
    shown = preview(admin_client, url, export(admin_client, url, extension), extension)
    result = shown.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["skip"] == model.objects.count()
    assert result.totals["update"] == result.totals["new"] == 0
    assert confirm(admin_client, url, shown).status_code == 302
    assert state(model) == before


def edit_in_the_admin(client, project, **values):
    url = f"/admin/projects/project/{project.pk}/change/"
    data = directory_admin.change_form_data(client.get(url))
    response = client.post(url, data | values)
    assert response.status_code == 302


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_stale_row_is_refused_naming_who_changed_the_project_and_when(
    admin_client, other_client, make_project, extension
):
    project, untouched = make_project(), make_project()
    url = "/admin/projects/project/"
    content = export(admin_client, url, extension)
    edit_in_the_admin(other_client, project, title_en="Beatriz's title")
    rows = rows_of(content, extension)
    for row in rows:
        row["summary_en"] = "Edited in an old spreadsheet"

    shown = preview(admin_client, url, as_file(rows, extension), extension)

    result = shown.context["result"]
    (refused,) = result.invalid_rows
    message = " ".join(refused.error_dict["version"])
    assert "cambió en el portal después de que se exportó este archivo" in message
    assert "Beatriz Gómez" in message
    assert "título [en]" in message
    assert "Beatriz Gómez" in shown.text
    assert not shown.context.get("confirm_form")
    project.refresh_from_db()
    untouched.refresh_from_db()
    assert project.title_en == "Beatriz's title"
    assert project.summary_en != "Edited in an old spreadsheet"
    assert untouched.summary_en != "Edited in an old spreadsheet"


def test_a_stale_row_without_changes_is_simply_skipped(
    admin_client, other_client, make_project
):
    project = make_project()
    url = "/admin/projects/project/"
    content = export(admin_client, url, "csv")
    edit_in_the_admin(other_client, project, title_en="Beatriz's title")
    (row,) = rows_of(content, "csv")
    row["title_en"] = "Beatriz's title"  # the file says what the portal says
    result = preview(admin_client, url, as_csv([row]), "csv").context["result"]
    assert result.totals["skip"] == 1
    assert not result.has_validation_errors()


def test_a_fresh_row_imports_and_moves_the_version_up(admin_client, make_project):
    project = make_project()
    entries = project.history.count()
    url = "/admin/projects/project/"
    (row,) = rows_of(export(admin_client, url, "csv"), "csv")
    assert row["version"] == str(project.version)
    row["title_en"] = "Edited in a spreadsheet"
    shown = preview(admin_client, url, as_csv([row]), "csv")
    assert shown.context["result"].totals["update"] == 1
    assert confirm(admin_client, url, shown).status_code == 302
    project_now = Project.objects.get(pk=project.pk)
    assert project_now.title_en == "Edited in a spreadsheet"
    assert project_now.version == project.version + 1
    assert project_now.history.count() == entries + 1


@pytest.mark.parametrize("version", ["abc", "999"])
def test_a_version_the_portal_never_wrote_is_refused(
    admin_client, make_project, version
):
    project = make_project()
    url = "/admin/projects/project/"
    (row,) = rows_of(export(admin_client, url, "csv"), "csv")
    row |= {"version": version, "title_en": "Edited"}
    result = preview(admin_client, url, as_csv([row]), "csv").context["result"]
    (refused,) = result.invalid_rows
    assert f"“{version}” no es una versión de este proyecto" in " ".join(
        refused.error_dict["version"]
    )
    project.refresh_from_db()
    assert project.title_en != "Edited"


def test_a_change_between_preview_and_confirm_saves_nothing_and_says_why(
    admin_client, other_client, make_project
):
    first, second = make_project(), make_project()
    url = "/admin/projects/project/"
    rows = rows_of(export(admin_client, url, "csv"), "csv")
    for row in rows:
        row["summary_en"] = "From the spreadsheet"
    shown = preview(admin_client, url, as_csv(rows), "csv")
    assert shown.context["result"].totals["update"] == 2
    edit_in_the_admin(other_client, second, title_en="Beatriz's title")

    response = confirm(admin_client, url, shown)

    assert response.status_code == 302
    assert response.url == f"{url}import/"
    notices = [str(m) for m in response.wsgi_request._messages]
    assert "No se importó nada" in notices[0]
    assert any("Beatriz Gómez" in notice for notice in notices[1:])
    for project in (first, second):
        project.refresh_from_db()
        assert project.summary_en != "From the spreadsheet"
