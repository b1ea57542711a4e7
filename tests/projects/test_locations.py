"""Where a project happens within countries: an Argentine province or a division of a
partner country, with a place and a point; its rules, the admin inline, the
project page and the provinces it adds (the exports: tests/opendata/
test_iati_locations.py)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from partners.models import Province, Subdivision
from projects.models import Location
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import set_rows

pytestmark = pytest.mark.django_db


def errors_of(location):
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        location.full_clean()
    with translation.override("en"):
        return {
            name: [str(m) for m in messages]
            for name, messages in raised.value.message_dict.items()
        }


# Rules ---------------------------------------------------------------------------


def test_a_location_is_a_province_or_a_partners_division(make_project):
    project = make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    both = Location(
        project=project,
        province=Province.objects.get(code="AR-M"),
        subdivision=Subdivision.objects.get(code="BO-L"),
    )
    assert "not both" in errors_of(both)["subdivision"][0]
    assert (
        "Choose an Argentine province"
        in errors_of(Location(project=project))["province"][0]
    )
    chile = Location(project=project, subdivision=Subdivision.objects.get(code="CL-VS"))
    assert errors_of(chile) == {
        "subdivision": [
            "Chile is not a partner of this project: add it to the project's "
            "partners first."
        ]
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Location.objects.create(project=project)


def test_a_location_is_in_a_first_level_division_not_a_municipality(make_project):
    project = make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    bolivia = Subdivision.objects.get(code="BO-L").country
    town = Subdivision.objects.create(
        country=bolivia, name="El Alto", kind=Subdivision.Kind.MUNICIPALITY
    )
    location = Location(project=project, subdivision=town)
    with translation.override("en"):
        message = (
            "El Alto is not a first-level division (a state, region or "
            "department): choose the one it is in and name the town as the place."
        )
    assert message in errors_of(location)["subdivision"]


def test_the_admin_offers_first_level_divisions_only(admin_client, make_project):
    bolivia = Subdivision.objects.get(code="BO-L").country
    Subdivision.objects.create(
        country=bolivia, name="La Paz (municipio)", kind=Subdivision.Kind.MUNICIPALITY
    )
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "projects",
            "model_name": "location",
            "field_name": "subdivision",
            "term": "La Paz",
        },
    )
    assert response.status_code == 200
    offered = [result["text"] for result in response.json()["results"]]
    assert offered
    assert not [text for text in offered if "municipio" in text]


def test_a_point_has_both_coordinates_within_range(make_project):
    project = make_project()
    mendoza = Province.objects.get(code="AR-M")
    half = Location(project=project, province=mendoza, latitude=Decimal("-32.9"))
    assert errors_of(half) == {
        "longitude": ["A point needs its latitude and longitude."]
    }
    far = Location(
        project=project, province=mendoza, latitude=Decimal(91), longitude=Decimal(0)
    )
    assert list(errors_of(far)) == ["latitude"]
    with pytest.raises(IntegrityError), transaction.atomic():
        half.save()


def test_a_location_in_a_province_makes_it_one_of_the_projects(located):
    assert "AR-M" in {province.code for province in located.provinces.all()}


# Admin and page ----------------------------------------------------------------------


def test_staff_add_locations_in_the_project_form(admin_client, make_project):
    project = make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(admin_client.get(url))
    set_rows(
        data,
        "locations",
        [
            {
                "subdivision": str(Subdivision.objects.get(code="BO-S").pk),
                "place": "Santa Cruz de la Sierra",
                "latitude": "-17.7833",
                "longitude": "-63.1821",
                "location_class": "2",
                "exactness": "1",
                "position": "0",
            },
            {
                "subdivision": str(Subdivision.objects.get(code="CL-VS").pk),
                "location_class": "2",
                "exactness": "2",
                "position": "1",
            },
        ],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200  # Chile is not a partner: nothing saved
    assert not project.locations.exists()
    data["locations-1-subdivision"] = str(Subdivision.objects.get(code="BO-L").pk)
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert [str(location) for location in project.locations.all()] == [
        "Santa Cruz de la Sierra, Santa Cruz",
        "La Paz",
    ]
    assert [location.exactness for location in project.locations.all()] == ["1", "2"]
    history = admin_client.get(f"/admin/projects/project/{project.pk}/history/")
    assert "Ubicación Santa Cruz añadida (Santa Cruz de la Sierra)" in (
        history.context["page_obj"][0].lines
    )


@pytest.mark.usefixtures("fresh_pages")
def test_the_project_page_says_where_with_a_map_link(
    client, located, make_project, django_assert_num_queries
):
    with translation.override("en"):
        page = client.get(located.get_absolute_url()).text
    assert "El Alto, <span" in page
    assert "mlat=-16.504700&amp;mlon=-68.162500" in page
    assert Province.objects.get(code="AR-M").get_absolute_url() in page
    # One query for the locations, however many there are.
    other = make_project()
    client.get(other.get_absolute_url())
    with django_assert_num_queries(count_of(client, located)):
        client.get(other.get_absolute_url())


def count_of(client, project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(project.get_absolute_url())
    return len(queries)
