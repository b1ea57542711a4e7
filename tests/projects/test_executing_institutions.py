"""A project names its executing institutions on both sides, as organisations with
the IATI role Implementing: the Argentine ones and the partner country's
counterparts, each linked to its page (issue 15)."""

import re

import pytest

from partners.models import Country, Organisation
from projects.models import Participation
from tests.directory.test_admin import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def counterpart(references):
    """Paraguay's Ministry of Agriculture, a public body of a partner country."""
    return Organisation.objects.create(
        slug="mag-paraguay",
        name_es="Ministerio de Agricultura y Ganadería",
        name_en="Ministry of Agriculture and Livestock",
        acronym="MAG",
        kind=Organisation.Kind.PARTNER_INSTITUTION,
        country=Country.objects.get(code="PY"),
        iati_type="10",
    )


def section(response, heading_id):
    """The HTML of the list under the heading ``heading_id``, up to the next
    heading."""
    html = response.content.decode()
    match = re.search(
        rf'<h3 id="{heading_id}">.*?</h3>(.*?)(?=<h[23]|</section>)', html, re.S
    )
    assert match, heading_id
    return match.group(1)


def test_the_project_page_lists_both_sides(client, make_project, counterpart):
    project = make_project(
        partners=[
            ("AR", "provider"),
            ("inta", "provider"),
            ("senasa", "provider"),
            ("fao", "provider"),  # international: on neither side
            ("PY", "recipient"),
            ("mag-paraguay", "recipient"),
        ]
    )
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert 'id="executing"' in response.text
    argentine = section(response, "executing-argentine")
    assert 'href="/partners/organisation/inta/"' in argentine
    assert 'href="/partners/organisation/senasa/"' in argentine
    assert "mag-paraguay" not in argentine
    partner = section(response, "executing-partner")
    assert 'href="/partners/organisation/mag-paraguay/"' in partner
    assert "Ministerio de Agricultura y Ganadería" in partner
    assert "Paraguay" in partner
    assert "inta" not in partner
    assert "/organisation/fao/" not in argentine + partner


def test_only_the_implementing_role_makes_an_executing_institution(
    client, make_project, counterpart
):
    project = make_project(
        partners=[
            ("inta", "provider"),
            ("mag-paraguay", "recipient"),
            ("PY", "recipient"),
        ]
    )
    # INTA comes first: make_project gives the first row the role Funding.
    response = client.get(project.get_absolute_url())
    assert 'href="/partners/organisation/inta/"' not in section(
        response, "executing-argentine"
    )
    assert 'href="/partners/organisation/mag-paraguay/"' in section(
        response, "executing-partner"
    )


def test_no_section_without_executing_institutions(client, make_project):
    project = make_project(partners=[("AR", "provider"), ("PY", "recipient")])
    response = client.get(project.get_absolute_url())
    assert 'id="executing"' not in response.text


def test_the_english_page_names_the_sides(client, make_project, counterpart):
    project = make_project(
        partners=[
            ("AR", "provider"),
            ("inta", "provider"),
            ("mag-paraguay", "recipient"),
        ]
    )
    response = client.get(f"/en{project.get_absolute_url()}")
    assert response.status_code == 200
    assert "Executing institutions" in response.text
    assert "Counterpart in the partner country" in response.text
    assert "Ministry of Agriculture and Livestock" in section(
        response, "executing-partner"
    )
    assert 'href="/en/partners/organisation/inta/"' in section(
        response, "executing-argentine"
    )


def test_the_page_makes_no_more_queries_with_more_institutions(
    client, make_project, counterpart, count_queries
):
    few = make_project(partners=[("AR", "provider"), ("PY", "recipient")])
    many = make_project(
        partners=[
            ("AR", "provider"),
            ("inta", "provider"),
            ("inti", "provider"),
            ("senasa", "provider"),
            ("anlis", "provider"),
            ("PY", "recipient"),
            ("mag-paraguay", "recipient"),
        ]
    )
    assert count_queries(client, many.get_absolute_url()) == count_queries(
        client, few.get_absolute_url()
    )


def participation_forms(response):
    (formset,) = (
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "participations"
    )
    return formset.forms


def test_argentina_as_a_country_cannot_be_the_implementing_partner(
    admin_client, make_project
):
    project = make_project(partners=[("AR", "provider"), ("PY", "recipient")])
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(admin_client.get(url))
    argentina = Country.objects.get(code="AR")
    assert str(data["participations-0-country"]) == str(argentina.pk)
    data["participations-0-iati_role"] = "4"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = participation_forms(response)[0].errors
    assert "institución ejecutora argentina" in " ".join(errors["country"])
    assert "institución ejecutora argentina" in response.text  # beside the field
    assert project.participations.get(position=0).iati_role == "1"
    # An Argentine institution as an organisation may implement.
    data["participations-0-iati_role"] = "1"
    rows = int(data["participations-TOTAL_FORMS"])
    data |= {
        "participations-TOTAL_FORMS": str(rows + 1),
        f"participations-{rows}-organisation": str(
            Organisation.objects.get(slug="inta").pk
        ),
        f"participations-{rows}-segib_role": "provider",
        f"participations-{rows}-iati_role": "4",
        f"participations-{rows}-position": "2",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert project.participations.filter(
        organisation__slug="inta", iati_role=Participation.IatiRole.IMPLEMENTING
    ).exists()


def test_a_partner_country_may_keep_the_implementing_role(admin_client, make_project):
    project = make_project(partners=[("AR", "provider"), ("PY", "recipient")])
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_form_data(admin_client.get(url))
    assert str(data["participations-1-iati_role"]) == "4"
    data["title_es"] = "Otro título"
    assert admin_client.post(url, data).status_code == 302
