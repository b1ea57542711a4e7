import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.models import StaffMembership, Unit
from partners.models import Country
from projects.models import Project
from tests.directory.test_admin import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model, references):
    """A staff member of the Directorate of Bilateral Cooperation."""
    user = django_user_model.objects.create_user("ana", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_project", "change_project", "add_project"]
        )
    )
    StaffMembership.objects.create(
        user=user, unit=Unit.objects.get(slug="bilateral-cooperation")
    )
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def set_rows(data, prefix, rows):
    """Replace an inline formset's rows in admin POST data."""
    for key in [k for k in data if k.startswith(f"{prefix}-")]:
        del data[key]
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    )
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})


def add_form(admin_client):
    data = change_form_data(admin_client.get("/admin/projects/project/add/"))
    data.update(
        {
            "title_es": "Cooperación triangular en semillas",
            "title_en": "Triangular cooperation on seeds",
            "slug": "semillas",
            "modality": "triangular",
            "instrument": "project",
            "status": "2",
            "publication": "draft",
            "directorate": str(Unit.objects.get(slug="bilateral-cooperation").pk),
            "planned_start": "2025-01-01",
            "planned_end": "2026-12-31",
        }
    )
    ids = {code: str(Country.objects.get(code=code).pk) for code in ("AR", "PY", "JP")}
    set_rows(
        data,
        "participations",
        [
            {
                "country": ids["AR"],
                "segib_role": "first-provider",
                "iati_role": "1",
                "position": "0",
            },
            {
                "country": ids["JP"],
                "segib_role": "second-provider",
                "iati_role": "1",
                "position": "1",
            },
            {
                "country": ids["PY"],
                "segib_role": "recipient",
                "iati_role": "4",
                "position": "2",
            },
        ],
    )
    from projects.models import Sector

    set_rows(
        data,
        "sectors",
        [
            {"sector": str(Sector.objects.get(code="31120").pk), "percentage": "60"},
            {"sector": str(Sector.objects.get(code="31182").pk), "percentage": "40"},
        ],
    )
    return data


def test_staff_add_a_complete_triangular_project(admin_client, references):
    response = admin_client.post("/admin/projects/project/add/", add_form(admin_client))
    assert response.status_code == 302, [
        (fs.formset.prefix, fs.formset.errors, fs.formset.non_form_errors())
        for fs in response.context["inline_admin_formsets"]
    ] + [response.context["adminform"].form.errors]
    project = Project.objects.get(slug="semillas")
    assert project.participations.count() == 3
    assert project in Project.objects.search("paraguay")
    assert project.iati_identifier.endswith(f"-{project.pk:06d}")


def test_a_triangular_project_without_a_second_provider_is_not_published(
    admin_client, references
):
    """A draft may lack a partner of a triangular project (the checklist asks for
    it); it is not published without it."""
    data = add_form(admin_client) | {"publication": "published"}
    data["participations-1-segib_role"] = "recipient"
    response = admin_client.post("/admin/projects/project/add/", data)
    assert response.status_code == 200
    assert "Falta: segundo oferente" in response.text
    assert not Project.objects.filter(slug="semillas").exists()
    data["publication"] = "draft"
    response = admin_client.post("/admin/projects/project/add/", data)
    assert response.status_code == 302
    project = Project.objects.get(slug="semillas")
    page = admin_client.get(f"/admin/projects/project/{project.pk}/change/")
    assert "Falta: segundo oferente" in page.text


def test_sector_percentages_that_do_not_add_up_are_refused(admin_client, references):
    data = add_form(admin_client)
    data["sectors-1-percentage"] = "30"
    response = admin_client.post("/admin/projects/project/add/", data)
    assert response.status_code == 200
    assert "suman 90" in response.text
    assert not Project.objects.filter(slug="semillas").exists()


def test_edits_are_recorded_with_field_diffs(admin_client, make_project):
    project = make_project()
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["status"] = "4"
    data["actual_start"] = "2024-03-10"
    data["actual_end"] = "2025-11-30"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    record = project.history.first()
    changed = {c.field for c in record.diff_against(record.prev_record).changes}
    assert {"status", "actual_start", "actual_end"} <= changed
    assert admin_client.get(f"{url.removesuffix('change/')}history/").status_code == 200


def test_staff_edit_their_directorates_projects_only(staff_client, make_project):
    own = make_project()
    other = make_project(directorate=Unit.objects.get(slug="multilateral-cooperation"))
    own_url = f"/admin/projects/project/{own.pk}/change/"
    other_url = f"/admin/projects/project/{other.pk}/change/"
    assert 'name="_save"' in staff_client.get(own_url).text
    read_only = staff_client.get(other_url)
    assert read_only.status_code == 200
    assert 'name="_save"' not in read_only.text
    data = change_form_data(staff_client.get(own_url))
    data["title_es"] = "Cambiado"
    assert staff_client.post(own_url, data).status_code == 302
    assert staff_client.post(other_url, data).status_code == 403
    other.refresh_from_db()
    assert other.title_es != "Cambiado"


def test_archive_action_changes_only_editable_projects(staff_client, make_project):
    multilateral = Unit.objects.get(slug="multilateral-cooperation")
    own = make_project()
    other = make_project(directorate=multilateral)
    # Another directorate's draft is not even in the editor's list: selecting its
    # id by hand does nothing to it.
    hidden = make_project(publication="draft", directorate=multilateral)
    response = staff_client.post(
        "/admin/projects/project/",
        {"action": "archive", "_selected_action": [own.pk, other.pk, hidden.pk]},
        follow=True,
    )
    own.refresh_from_db()
    other.refresh_from_db()
    hidden.refresh_from_db()
    assert own.publication == "archived"
    assert other.publication == "published"
    assert hidden.publication == "draft"
    assert "1 proyecto no se modificó: pertenece a otra dirección" in response.text


def test_changelist_search_finds_partners_and_fo_ar(admin_client, make_project):
    project = make_project(fo_ar_number="FO.AR 2023-017")
    make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    for term in ("paraguay", "2023-017", "cooperacion"):
        response = admin_client.get("/admin/projects/project/", {"q": term})
        assert project in response.context["cl"].result_list, term


def test_changelist_queries_do_not_grow_with_projects(
    admin_client, make_project, count_queries
):
    for _ in range(5):
        make_project()
    before = count_queries(admin_client, "/admin/projects/project/")
    for _ in range(45):
        make_project()
    assert count_queries(admin_client, "/admin/projects/project/") == before


def export_csv(client):
    response = client.post(
        "/admin/projects/project/export/",
        {
            "format": "0",
            "resource": "0",
            **{
                f"projectresource_{name}": "on"
                for name in [
                    "slug",
                    "iati_identifier",
                    "title_es",
                    "title_en",
                    "summary_es",
                    "summary_en",
                    "description_es",
                    "description_en",
                    "objectives_es",
                    "objectives_en",
                    "modality",
                    "instrument",
                    "status",
                    "fo_ar_number",
                    "planned_start",
                    "planned_end",
                    "actual_start",
                    "actual_end",
                    "approved_on",
                    "publication",
                    "directorate",
                    "programme",
                ]
            },
        },
    )
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def import_csv(client, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    upload = SimpleUploadedFile("projects.csv", buffer.getvalue().encode())
    preview = client.post(
        "/admin/projects/project/import/",
        {"resource": "0", "format": "0", "import_file": upload},
    )
    assert preview.status_code == 200
    return preview


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(
        "/admin/projects/project/process_import/",
        {name: form[name].value() for name in form.fields},
    )


def test_export_edit_and_import_back_keeps_what_empty_cells_leave(
    admin_client, make_project
):
    project = make_project(summary_es="Resumen original")
    rows = export_csv(admin_client)
    row = next(r for r in rows if r["slug"] == project.slug)
    row["title_en"] = "Edited in a spreadsheet"
    row["summary_es"] = ""
    preview = import_csv(admin_client, [row])
    assert not preview.context["result"].has_errors()
    assert confirm(admin_client, preview).status_code == 302
    project.refresh_from_db()
    assert project.title_en == "Edited in a spreadsheet"
    assert project.summary_es == "Resumen original"


def test_an_import_with_a_bad_row_saves_nothing(admin_client, make_project):
    first, second = make_project(), make_project()
    rows = [
        r for r in export_csv(admin_client) if r["slug"] in (first.slug, second.slug)
    ]
    rows[0]["title_en"] = "Should not be saved"
    rows[1]["planned_end"] = "2020-01-01"  # before the planned start
    rows[1]["modality"] = "telepathic"
    preview = import_csv(admin_client, rows)
    result = preview.context["result"]
    assert result.has_validation_errors() or result.has_errors()
    assert "confirm_form" not in preview.context or not preview.context["confirm_form"]
    first.refresh_from_db()
    assert first.title_en != "Should not be saved"
    assert re.search(r"2020|fin|end", preview.text)


def test_staff_cannot_import_over_another_directorates_project(
    staff_client, admin_client, make_project
):
    other = make_project(directorate=Unit.objects.get(slug="multilateral-cooperation"))
    row = next(r for r in export_csv(admin_client) if r["slug"] == other.slug)
    row["title_en"] = "Hijacked"
    preview = import_csv(staff_client, [row])
    assert preview.context["result"].has_errors() or (
        preview.context["result"].has_validation_errors()
    )
    other.refresh_from_db()
    assert other.title_en != "Hijacked"
