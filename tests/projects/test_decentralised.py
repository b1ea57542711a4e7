"""Decentralised cooperation: the flag beside the modality, the subnational partners
on both sides and their rules, the admin inline and its history, the catalogue's
filter and the project page."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from partners.models import Country, Province, Subdivision
from projects.models import Project, SubnationalParticipation
from projects.rules import subnational_errors
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import set_rows
from tests.projects.test_facet_counts import catalogue, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def decentralised(make_project):
    """Mendoza (and Godoy Cruz) with the region of Valparaíso, Chile."""

    def make(**fields):
        project = make_project(
            partners=[("AR", "both"), ("CL", "both")], is_decentralised=True, **fields
        )
        SubnationalParticipation.objects.create(
            project=project,
            province=Province.objects.get(code="AR-M"),
            municipality="Godoy Cruz",
        )
        SubnationalParticipation.objects.create(
            project=project, subdivision=Subdivision.objects.get(code="CL-VS")
        )
        return project

    return make


def english(messages):
    with translation.override("en"):
        return [str(message) for message in messages]


def row(**fields):
    return SubnationalParticipation(**fields)


# Rules ---------------------------------------------------------------------------


def test_a_decentralised_project_names_both_sides(references):
    mendoza = Province.objects.get(code="AR-M")
    valparaiso = Subdivision.objects.get(code="CL-VS")
    assert (
        subnational_errors(True, [row(province=mendoza), row(subdivision=valparaiso)])
        == []
    )
    with translation.override("en"):
        assert english(subnational_errors(True, [row(province=mendoza)])) == [
            "A decentralised project names at least one foreign subnational "
            "government (a state, region, department or municipality of a partner "
            "country)."
        ]
        assert english(subnational_errors(True, [row(subdivision=valparaiso)])) == [
            "A decentralised project names at least one Argentine province (and, if "
            "you wish, its municipality)."
        ]
        assert len(subnational_errors(True, [])) == 2


def test_a_project_that_is_not_decentralised_has_no_subnational_partner(references):
    mendoza = Province.objects.get(code="AR-M")
    assert subnational_errors(False, []) == []
    with translation.override("en"):
        errors = english(subnational_errors(False, [row(province=mendoza)]))
    assert errors == [
        "Only a decentralised project has subnational partners: tick "
        "“decentralised cooperation” or remove them."
    ]


def test_a_row_names_a_province_or_a_foreign_government_not_both(make_project):
    project = make_project(partners=[("AR", "both"), ("CL", "both")])
    both = row(
        project=project,
        province=Province.objects.get(code="AR-M"),
        subdivision=Subdivision.objects.get(code="CL-VS"),
    )
    with pytest.raises(ValidationError) as error:
        both.full_clean()
    assert "subdivision" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        row(project=project).full_clean()
    assert "province" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        SubnationalParticipation.objects.create(project=project)


def test_a_foreign_government_belongs_to_a_partner_country(make_project):
    project = make_project(partners=[("AR", "both"), ("CL", "both")])
    potosi = row(project=project, subdivision=Subdivision.objects.get(code="BO-P"))
    with pytest.raises(ValidationError) as error:
        potosi.full_clean()
    assert error.value.message_dict["subdivision"] == [
        "Bolivia (Estado Plurinacional de) no es socio de este proyecto: agregalo "
        "primero a los socios del proyecto."
    ]
    row(project=project, subdivision=Subdivision.objects.get(code="CL-VS")).full_clean()


def test_an_argentine_partners_province_is_one_of_the_projects_provinces(
    decentralised,
):
    project = decentralised()
    assert list(project.provinces.values_list("code", flat=True)) == ["AR-M"]


# Admin ---------------------------------------------------------------------------


def admin_data(admin_client, project):
    return change_form_data(
        admin_client.get(f"/admin/projects/project/{project.pk}/change/")
    )


def post(admin_client, project, data):
    return admin_client.post(f"/admin/projects/project/{project.pk}/change/", data)


def inline_errors(response):
    return {
        inline.formset.prefix: [str(e) for e in inline.formset.non_form_errors()]
        + [
            str(message)
            for form in inline.formset.errors
            for messages in form.values()
            for message in messages
        ]
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.non_form_errors() or any(inline.formset.errors)
    }


def test_staff_name_the_subnational_partners_in_the_project_form(
    admin_client, make_project
):
    project = make_project(partners=[("AR", "both"), ("PY", "recipient")])
    data = admin_data(admin_client, project)
    data["is_decentralised"] = "on"
    set_rows(
        data,
        "subnational_participations",
        [
            {
                "province": str(Province.objects.get(code="AR-N").pk),
                "municipality": "Posadas",
                "position": "0",
            },
            {
                "subdivision": str(Subdivision.objects.get(code="PY-7").pk),
                "position": "1",
            },
        ],
    )
    response = post(admin_client, project, data)
    assert response.status_code == 302, inline_errors(response)
    project.refresh_from_db()
    assert project.is_decentralised
    rows = project.subnational_participations.select_related("province", "subdivision")
    assert [
        (
            r.province_id and r.province.code,
            r.subdivision_id and r.subdivision.code,
            r.municipality,
        )
        for r in rows
    ] == [
        ("AR-N", None, "Posadas"),
        (None, "PY-7", ""),
    ]
    history = admin_client.get(f"/admin/projects/project/{project.pk}/history/")
    lines = history.context["page_obj"][0].lines
    with translation.override("es"):
        subject = translation.gettext("Subnational partner %(name)s") % {
            "name": "Misiones"
        }
        expected = translation.gettext("%(subject)s added (%(details)s)") % {
            "subject": subject,
            "details": "Posadas",
        }
    assert expected in lines


def test_the_admin_refuses_a_decentralised_project_without_a_foreign_partner(
    admin_client, make_project
):
    project = make_project(partners=[("AR", "both"), ("CL", "both")])
    mendoza = Province.objects.get(code="AR-M")
    data = admin_data(admin_client, project)
    data["is_decentralised"] = "on"
    set_rows(
        data,
        "subnational_participations",
        [{"province": str(Province.objects.get(code="AR-M").pk), "position": "0"}],
    )
    response = post(admin_client, project, data)
    assert response.status_code == 200
    # The message in the admin's language (Spanish once translated).
    with translation.override("es"):
        expected = [str(m) for m in subnational_errors(True, [row(province=mendoza)])]
    assert inline_errors(response)["subnational_participations"] == expected
    assert not Project.objects.get(pk=project.pk).is_decentralised


def test_the_admin_checks_a_foreign_government_against_the_partners_typed_with_it(
    admin_client, make_project
):
    project = make_project(partners=[("AR", "provider"), ("PY", "recipient")])
    data = admin_data(admin_client, project)
    data["is_decentralised"] = "on"
    # Bolivia joins the partners in the same save as Potosí.
    rows = int(data["participations-TOTAL_FORMS"])
    data.update(
        {
            "participations-TOTAL_FORMS": str(rows + 1),
            f"participations-{rows}-country": str(Country.objects.get(code="BO").pk),
            f"participations-{rows}-segib_role": "recipient",
            f"participations-{rows}-iati_role": "4",
            f"participations-{rows}-position": "5",
        }
    )
    subnational = [
        {"province": str(Province.objects.get(code="AR-A").pk), "position": "0"},
        {"subdivision": str(Subdivision.objects.get(code="BO-P").pk), "position": "1"},
    ]
    set_rows(data, "subnational_participations", subnational)
    response = post(admin_client, project, data)
    assert response.status_code == 302, inline_errors(response)
    # Without Bolivia among the partners, Potosí is refused beside its field.
    project = make_project(partners=[("AR", "provider"), ("PY", "recipient")])
    data = admin_data(admin_client, project)
    data["is_decentralised"] = "on"
    set_rows(data, "subnational_participations", subnational)
    response = post(admin_client, project, data)
    assert response.status_code == 200
    assert inline_errors(response)["subnational_participations"] == [
        "Bolivia (Estado Plurinacional de) no es socio de este proyecto: agregalo "
        "primero a los socios del proyecto."
    ]


def test_the_admin_refuses_subnational_partners_of_a_national_project(
    admin_client, decentralised
):
    project = decentralised()
    data = admin_data(admin_client, project)
    data.pop("is_decentralised")
    response = post(admin_client, project, data)
    assert response.status_code == 200
    rows = list(project.subnational_participations.all())
    with translation.override("es"):
        expected = [str(m) for m in subnational_errors(False, rows)]
    assert inline_errors(response)["subnational_participations"] == expected


# Catalogue and project page --------------------------------------------------------


def test_the_catalogue_filters_decentralised_cooperation(decentralised, make_project):
    project = decentralised()
    national = make_project()
    assert list(catalogue("decentralised=yes").qs) == [project]
    assert list(catalogue("decentralised=no").qs) == [national]
    counts = catalogue("").facet_counts()
    assert counts["decentralised"] == {"yes": 1, "no": 1}
    # Every facet's count is what choosing its option gives.
    assert walk() > 0
    assert walk("decentralised=yes") > 0
    assert walk("province=AR-M") > 0


def test_the_catalogue_shows_the_filter_with_its_counts(client, decentralised):
    decentralised()
    page = client.get("/en/projects/", {"decentralised": "yes"}).text
    assert '<select name="decentralised" id="id_decentralised">' in page
    assert '<option value="yes" selected>Decentralised cooperation only (1)' in page


def test_the_project_page_marks_decentralised_cooperation_and_lists_both_sides(
    client, decentralised, make_project, count_queries
):
    project = decentralised()
    with translation.override("en"):
        page = client.get(project.get_absolute_url()).text
    assert "badge--decentralised" in page
    assert 'href="/en/partners/province/ar-m/">Mendoza</a>' in page
    assert "municipality of Godoy Cruz" in page
    assert "Valparaíso" in page
    assert 'href="/en/partners/country/cl/">Chile</a>' in page
    national = make_project()
    assert "badge--decentralised" not in client.get(national.get_absolute_url()).text
    # More subnational partners, the same queries.
    before = count_queries(client, project.get_absolute_url())
    SubnationalParticipation.objects.create(
        project=project, subdivision=Subdivision.objects.get(code="CL-RM")
    )
    SubnationalParticipation.objects.create(
        project=project, province=Province.objects.get(code="AR-J")
    )
    assert count_queries(client, project.get_absolute_url()) == before


def test_the_search_finds_a_project_by_its_foreign_subnational_partner(
    decentralised, make_project
):
    project = decentralised()
    make_project()

    def found(words):
        return list(catalogue(f"q={words}").qs)

    assert found("valparaiso") == [project]
    assert found("godoy+cruz") == [project]
    row = project.subnational_participations.get(subdivision__isnull=False)
    row.subdivision = Subdivision.objects.get(code="CL-ML")
    row.save()
    assert found("maule") == [project]
    assert found("valparaiso") == []
