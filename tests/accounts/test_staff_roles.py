"""The shipped staff roles, and the access-control findings of the staff review:
imports and exports, the history's revert form and results all ask
accounts.permissions (the URL-by-role table is test_permission_matrix.py)."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roles
from directory.models import StaffMembership, Unit
from partners.models import Bloc
from projects.models import Project, Result
from tests.projects.test_admin import confirm, export_csv, import_csv


@pytest.fixture
def staff(django_user_model, references):
    """make(role name, directorate slug or None): an active staff member in the
    shipped group, working in that directorate."""

    def make(role, unit=None):
        user = django_user_model.objects.create_user(
            f"{role.split()[0].lower()}-{unit or 'none'}", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        if unit:
            StaffMembership.objects.create(user=user, unit=Unit.objects.get(slug=unit))
        return user

    return make


@pytest.fixture
def directorates(make_project):
    """A project of each directorate, each with a result, plus a draft of the
    multilateral directorate."""
    bilateral = Unit.objects.get(slug="bilateral-cooperation")
    multilateral = Unit.objects.get(slug="multilateral-cooperation")
    own = make_project(directorate=bilateral)
    other = make_project(directorate=multilateral)
    draft = make_project(directorate=multilateral, publication="draft")
    for project in (own, other):
        Result.objects.create(project=project, title="Resultado", type="1")
    return {"own": own, "other": other, "draft": draft, "multilateral": multilateral}


def test_the_roles_are_spanish_groups_with_what_each_may_do(admin_client, db):
    names = list(
        Group.objects.filter(name__in=[r.name for r in roles.ROLES]).values_list(
            "name", flat=True
        )
    )
    assert sorted(names) == sorted(
        [
            "Administración",
            "Coordinación",
            "Editor de proyectos",
            "Lectura",
            "Revisor de propuestas",
        ]
    )
    page = admin_client.get(reverse("admin:auth_group_changelist")).text
    assert "Crea y edita los proyectos de su propia dirección" in page
    editor = Group.objects.get(name="Editor de proyectos")
    codenames = set(editor.permissions.values_list("codename", flat=True))
    assert {"add_project", "change_project", "view_country"} <= codenames
    assert not codenames & {"delete_project", "change_all_projects", "change_user"}
    reader = Group.objects.get(name="Lectura")
    assert all(
        codename.startswith("view_")
        for codename in reader.permissions.values_list("codename", flat=True)
    )


def test_migrate_puts_a_roles_permissions_back_to_what_the_code_says(db):
    editor = Group.objects.get(name="Editor de proyectos")
    before = set(editor.permissions.all())
    editor.permissions.remove(Permission.objects.get(codename="change_project"))
    editor.permissions.add(Permission.objects.get(codename="delete_user"))
    roles.sync_roles()
    assert set(editor.permissions.all()) == before


def test_a_role_naming_a_permission_that_does_not_exist_fails_loudly(db):
    from django.apps import apps

    wrong = roles.Role("Prueba", "", ["projects.missionreport.view"])
    with pytest.raises(LookupError, match="missionreport"):
        roles.permission_rows(wrong, Permission.objects.all(), apps)


def post_csv(client, url, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    upload = SimpleUploadedFile("rows.csv", buffer.getvalue().encode())
    return client.post(url, {"resource": "0", "format": "0", "import_file": upload})


def test_a_reader_can_neither_import_nor_rename_mercosur(client, staff):
    """The finding: a view-only staff member renamed MERCOSUR through the import."""
    client.force_login(staff("Lectura"))
    mercosur = Bloc.objects.get(acronym="MERCOSUR")
    assert client.get(reverse("admin:partners_bloc_import")).status_code == 403
    response = post_csv(
        client,
        reverse("admin:partners_bloc_import"),
        [{"id": mercosur.pk, "acronym": "MERCOSUR", "name_es": "Renombrado"}],
    )
    assert response.status_code == 403
    mercosur.refresh_from_db()
    assert mercosur.name_es != "Renombrado"
    changelist = client.get(reverse("admin:partners_bloc_changelist")).text
    assert reverse("admin:partners_bloc_import") not in changelist
    # Reading is exporting: a reader may download what they read.
    assert client.get(reverse("admin:partners_bloc_export")).status_code == 200


def test_staff_without_rights_cannot_export(client, django_user_model, references):
    nobody = django_user_model.objects.create_user("nadie", is_staff=True)
    client.force_login(nobody)
    for name in ("projects_project", "partners_country", "directory_representation"):
        assert client.get(reverse(f"admin:{name}_export")).status_code == 403, name


def test_an_editor_exports_only_what_they_may_see(client, staff, directorates):
    client.force_login(staff("Editor de proyectos", "bilateral-cooperation"))
    slugs = {row["slug"] for row in export_csv(client)}
    assert directorates["own"].slug in slugs
    assert directorates["other"].slug in slugs  # published: public anyway
    assert directorates["draft"].slug not in slugs  # another directorate's draft


def test_coordination_exports_every_draft(client, staff, directorates):
    client.force_login(staff("Coordinación"))
    assert directorates["draft"].slug in {row["slug"] for row in export_csv(client)}


def test_an_import_cannot_move_a_project_to_another_directorate(
    client, staff, directorates
):
    own = directorates["own"]
    client.force_login(staff("Editor de proyectos", "bilateral-cooperation"))
    row = next(r for r in export_csv(client) if r["slug"] == own.slug)
    row["directorate"] = "multilateral-cooperation"
    preview = import_csv(client, [row])
    result = preview.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    assert "No podés pasar" in preview.text
    own.refresh_from_db()
    assert own.directorate.slug == "bilateral-cooperation"


def test_an_editor_imports_their_own_projects(client, staff, directorates):
    own = directorates["own"]
    client.force_login(staff("Editor de proyectos", "bilateral-cooperation"))
    row = next(r for r in export_csv(client) if r["slug"] == own.slug)
    row["title_en"] = "Edited by its editor"
    preview = import_csv(client, [row])
    assert confirm(client, preview).status_code == 302
    own.refresh_from_db()
    assert own.title_en == "Edited by its editor"


def revert(client, project, version):
    url = reverse(
        "admin:projects_project_simple_history", args=[project.pk, version.history_id]
    )
    return url, client.post(url, {"title_es": "Revertido"})


def test_the_revert_form_asks_for_the_directorate(client, staff, directorates):
    """The finding: the history's revert form saved over another directorate's
    project; it now asks the same rules as the change form."""
    other = directorates["other"]
    version = other.history.earliest()
    client.force_login(staff("Editor de proyectos", "bilateral-cooperation"))
    url, response = revert(client, other, version)
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.title_es != "Revertido"
    # Read-only staff see the old version but cannot save it.
    client.force_login(staff("Lectura"))
    assert client.get(url).status_code == 200
    assert revert(client, other, version)[1].status_code == 403


def test_a_project_cannot_be_reverted_into_another_directorate(
    client, staff, directorates
):
    own = directorates["own"]
    own.directorate = directorates["multilateral"]
    own.save()
    moved_version = own.history.latest()
    own.directorate = Unit.objects.get(slug="bilateral-cooperation")
    own.save()
    client.force_login(staff("Editor de proyectos", "bilateral-cooperation"))
    assert revert(client, own, moved_version)[1].status_code == 403
    own.refresh_from_db()
    assert own.directorate.slug == "bilateral-cooperation"


def test_results_of_another_directorates_project_are_out_of_reach(
    client, staff, directorates
):
    other_result = directorates["other"].results.get()
    client.force_login(staff("Editor de proyectos", "bilateral-cooperation"))
    delete = reverse("admin:projects_result_delete", args=[other_result.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Result.objects.filter(pk=other_result.pk).exists()
    add = client.post(
        reverse("admin:projects_result_add"),
        {
            "project": directorates["other"].pk,
            "title_es": "Intruso",
            "type": "1",
            "position": "0",
            "indicators-TOTAL_FORMS": "0",
            "indicators-INITIAL_FORMS": "0",
        },
    )
    assert add.status_code == 200  # the form again, with the error beside the field
    assert "errorlist" in add.text
    assert not Result.objects.filter(title_es="Intruso").exists()
    own_result = directorates["own"].results.get()
    own_delete = reverse("admin:projects_result_delete", args=[own_result.pk])
    assert client.post(own_delete, {"post": "yes"}).status_code == 302
    assert not Result.objects.filter(pk=own_result.pk).exists()


def test_an_editor_does_not_see_another_directorates_drafts(
    client, staff, directorates
):
    client.force_login(staff("Editor de proyectos", "bilateral-cooperation"))
    draft = directorates["draft"]
    changelist = client.get(reverse("admin:projects_project_changelist"))
    assert draft not in changelist.context["cl"].result_list
    change = client.get(reverse("admin:projects_project_change", args=[draft.pk]))
    assert change.status_code == 302  # "does not exist": the admin's own answer
    history = client.get(reverse("admin:projects_project_history", args=[draft.pk]))
    assert history.status_code in (302, 403, 404)
    assert Project.objects.filter(pk=draft.pk).exists()


def test_account_managers_give_roles_not_rights(client, staff, django_user_model):
    """Administración manages accounts and their roles; it cannot make anyone a
    superuser, grant single permissions, change a superuser's account, or change
    what a role may do."""
    manager = staff("Administración")
    editor = staff("Editor de proyectos", "bilateral-cooperation")
    root = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(manager)
    url = reverse("admin:auth_user_change", args=[editor.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.text
    assert 'name="user_permissions"' not in page.text
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None}
    data |= {
        "username": editor.username,
        "is_staff": "on",
        "is_active": "on",
        "is_superuser": "on",
        "groups": [Group.objects.get(name="Coordinación").pk],
        "user_permissions": [Permission.objects.get(codename="delete_user").pk],
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "0",
        "profile-0-language": "es",
    }
    assert client.post(url, data).status_code == 302  # saved…
    editor.refresh_from_db()
    assert list(editor.groups.values_list("name", flat=True)) == ["Coordinación"]
    assert not editor.is_superuser  # …but not what only a superuser grants
    assert not editor.user_permissions.exists()
    root_url = reverse("admin:auth_user_change", args=[root.pk])
    assert 'name="username"' not in client.get(root_url).text  # read only
    assert client.post(root_url, data | {"username": "root"}).status_code == 403
    root.refresh_from_db()
    assert root.is_superuser
    assert root.username == "root"
    coordination = Group.objects.get(name="Coordinación")
    group_page = client.get(reverse("admin:auth_group_change", args=[coordination.pk]))
    assert 'name="permissions"' not in group_page.text
    delete = reverse("admin:auth_group_delete", args=[coordination.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Group.objects.filter(pk=coordination.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/partners/country/x/history/",
        "/admin/projects/project/x/history/",
        "/admin/projects/project/x/history/1/",
        "/admin/directory/unit/x/history/",
    ],
)
def test_a_history_address_without_a_valid_id_is_a_404(admin_client, url):
    assert admin_client.get(url).status_code == 404
