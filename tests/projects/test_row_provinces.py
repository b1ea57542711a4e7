"""A province named by a subnational partner or a location stays among the
project's provinces whatever the save path: the change form refuses to take it out
(naming the row), the history's revert form too, and a save that changed the rows
adds their provinces after them. Else the catalogue's province filter misses
projects the province's page lists."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from partners.models import Province, Subdivision
from projects.models import Location, Project, SubnationalParticipation
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import set_rows
from tests.projects.test_admin_keeps_work import revert_form_data

pytestmark = pytest.mark.django_db


def province(code):
    return Province.objects.get(code=code)


@pytest.fixture
def mendoza_valparaiso(make_project):
    project = make_project(
        partners=[("AR", "both"), ("CL", "both")], is_decentralised=True
    )
    SubnationalParticipation.objects.create(
        project=project, province=province("AR-M"), municipality="Godoy Cruz"
    )
    SubnationalParticipation.objects.create(
        project=project, subdivision=Subdivision.objects.get(code="CL-VS"), position=1
    )
    return project


def url_of(project):
    return f"/admin/projects/project/{project.pk}/change/"


def codes(project):
    return set(project.provinces.values_list("code", flat=True))


def test_the_form_refuses_to_take_out_a_subnational_partners_province(
    admin_client, mendoza_valparaiso
):
    project = mendoza_valparaiso
    data = change_form_data(admin_client.get(url_of(project)))
    assert data["provinces"] == [str(province("AR-M").pk)]
    data["provinces"] = []

    response = admin_client.post(url_of(project), data)

    assert response.status_code == 200
    with translation.override("es"):
        expected = translation.gettext(
            "%(province)s cannot leave the project's provinces: the subnational "
            "partner “%(row)s” names it. Remove that row too, or keep the province."
        ) % {"province": "Mendoza", "row": "Godoy Cruz (Mendoza)"}
    assert response.context["adminform"].form.errors["provinces"] == [expected]
    assert codes(project) == {"AR-M"}
    listed = admin_client.get(
        "/projects/", {"province": "AR-M", "decentralised": "yes"}
    )
    assert project in listed.context["projects"]


def test_the_form_refuses_to_take_out_a_locations_province(admin_client, make_project):
    project = make_project()
    Location.objects.create(project=project, province=province("AR-J"), place="Jáchal")
    assert codes(project) == {"AR-J"}
    data = change_form_data(admin_client.get(url_of(project)))
    data["provinces"] = [str(province("AR-B").pk)]

    response = admin_client.post(url_of(project), data)

    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["provinces"]
    assert "“Jáchal, San Juan”" in error
    assert codes(project) == {"AR-J"}


def test_a_province_leaves_with_its_row(admin_client, make_project):
    project = make_project()
    Location.objects.create(project=project, province=province("AR-J"), place="Jáchal")
    data = change_form_data(admin_client.get(url_of(project)))
    data["provinces"] = []
    data["locations-0-DELETE"] = "on"

    response = admin_client.post(url_of(project), data)

    assert response.status_code == 302
    assert codes(project) == set()
    assert not project.locations.exists()


def test_a_new_row_adds_its_province_after_the_form_saved_the_provinces(
    admin_client, make_project
):
    project = make_project()
    data = change_form_data(admin_client.get(url_of(project)))
    data["provinces"] = [str(province("AR-B").pk)]
    set_rows(
        data,
        "locations",
        [
            {
                "province": str(province("AR-L").pk),
                "place": "Anguil",
                "location_class": "2",  # what the form offers first
                "exactness": "2",
                "position": "0",
            }
        ],
    )

    response = admin_client.post(url_of(project), data)

    assert response.status_code == 302
    assert codes(project) == {"AR-B", "AR-L"}


def test_the_revert_form_refuses_an_old_version_without_the_rows_province(
    admin_client, make_project
):
    project = make_project()  # its first version has no province
    old = project.history.earliest()
    Location.objects.create(project=project, province=province("AR-V"), place="Ushuaia")
    assert codes(project) == {"AR-V"}
    url = f"/admin/projects/project/{project.pk}/history/{old.history_id}/"
    data = revert_form_data(admin_client.get(url))
    data["provinces"] = []  # the version had none

    response = admin_client.post(url, data)

    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["provinces"]
    assert "“Ushuaia, Tierra del Fuego" in error
    assert codes(project) == {"AR-V"}


def test_the_migration_puts_back_the_provinces_rows_name(
    mendoza_valparaiso, make_project
):
    located = make_project()
    Location.objects.create(project=located, province=province("AR-D"))
    # As the admin left them before the fix: the provinces taken out, rows kept.
    Project.provinces.through.objects.filter(
        project__in=[mendoza_valparaiso, located]
    ).delete()

    migration = importlib.import_module(
        "projects.migrations.0026_row_provinces_among_projects"
    )
    migration.add_row_provinces(django_apps, None)

    assert codes(mendoza_valparaiso) == {"AR-M"}
    assert codes(located) == {"AR-D"}
