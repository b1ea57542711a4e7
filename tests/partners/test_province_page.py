"""A province's page: its projects split into national and decentralised
cooperation, its focal point, its foreign subnational partners and where it lies
on the bicontinental map; a fixed number of queries however many projects."""

import pytest
from django.utils import translation
from lxml import html

from directory.models import FocalPoint
from partners.models import Province, Subdivision
from projects.models import SubnationalParticipation

pytestmark = pytest.mark.django_db

URL = "/en/partners/province/ar-m/"


@pytest.fixture
def mendoza_projects(make_project):
    """A national project in Mendoza and two decentralised ones with Chilean
    regions; plus an unpublished one that never shows."""
    mendoza = Province.objects.get(code="AR-M")

    def decentralised(title, region, published=True, municipality=""):
        project = make_project(
            title_en=title,
            partners=[("AR", "both"), ("CL", "both")],
            is_decentralised=True,
            publication="published" if published else "draft",
        )
        SubnationalParticipation.objects.create(
            project=project, province=mendoza, municipality=municipality
        )
        SubnationalParticipation.objects.create(
            project=project, subdivision=Subdivision.objects.get(code=region)
        )
        return project

    national = make_project(title_en="Vineyard health with INTA")
    national.provinces.add(mendoza)
    return {
        "national": national,
        "valparaiso": decentralised("Wine routes", "CL-VS", municipality="Godoy Cruz"),
        "maule": decentralised("Irrigation with Maule", "CL-ML"),
        "draft": decentralised("Unpublished twinning", "CL-BI", published=False),
    }


def section(page, heading_id):
    tree = html.fromstring(page)
    return tree.xpath(f'//section[@aria-labelledby="{heading_id}"]')[0]


def test_the_page_splits_national_and_decentralised_cooperation(
    client, mendoza_projects
):
    page = client.get(URL).text
    national = section(page, "national-cooperation").text_content()
    decentralised = section(page, "decentralised-cooperation").text_content()
    assert "Vineyard health with INTA" in national
    assert "Wine routes" not in national
    assert "Wine routes" in decentralised
    assert "Irrigation with Maule" in decentralised
    assert "Vineyard health with INTA" not in decentralised
    assert "Unpublished twinning" not in page
    assert "Valparaíso (Chile)" in decentralised


def test_the_page_lists_the_foreign_subnational_partners_with_their_projects(
    client, mendoza_projects
):
    table = section(client.get(URL).text, "subnational-partners")
    rows = [
        [cell.text_content().strip() for cell in row.xpath("th|td")]
        for row in table.xpath(".//tbody/tr")
    ]
    # Biobío's only project is a draft: not a partner the public sees.
    assert rows == [
        ["Maule (region)", "Chile", "1"],
        ["Valparaíso (region)", "Chile", "1"],
    ]


def test_the_page_shows_the_focal_point_and_the_province_on_the_map(client, references):
    FocalPoint.objects.create(
        province=Province.objects.get(code="AR-M"),
        institution="Mendoza International Relations",
    )
    page = client.get(URL).text
    focal = section(page, "focal-point").text_content()
    assert "Mendoza International Relations" in focal
    tree = html.fromstring(page)
    svg = tree.xpath('//svg[contains(@class, "province-map--small")]')[0]
    assert svg.get("role") == "img"
    assert "Mendoza on the bicontinental map of Argentina" in svg.text_content()
    chosen = svg.xpath('.//path[contains(@class, "world-map__country--5")]')
    assert len(chosen) == 1
    # Drawn last, over its neighbours; the Antarctic sector's limits follow.
    assert svg.xpath(".//path")[-2] is chosen[0]


def test_without_projects_the_page_says_so(client, references):
    with translation.override("en"):
        page = client.get(URL).text
    assert "No published decentralised cooperation project yet." in page
    assert 'aria-labelledby="subnational-partners"' not in page


@pytest.mark.usefixtures("fresh_pages")
def test_the_page_makes_the_same_queries_however_many_projects(
    client, mendoza_projects, make_project, django_assert_num_queries
):
    client.get(URL)  # sessions, caches and the like warmed up
    # The province, its focal point and the page's other lookups; national
    # projects; decentralised projects and their partners; foreign partners.
    with django_assert_num_queries(7) as captured:
        client.get(URL)
    for _ in range(3):
        project = make_project(
            partners=[("AR", "both"), ("BR", "both")], is_decentralised=True
        )
        SubnationalParticipation.objects.create(
            project=project, province=Province.objects.get(code="AR-M")
        )
        SubnationalParticipation.objects.create(
            project=project, subdivision=Subdivision.objects.get(code="BR-PR")
        )
    with django_assert_num_queries(len(captured)):
        client.get(URL)


def test_the_focal_points_page_links_each_province_to_its_page(client, references):
    FocalPoint.objects.create(
        province=Province.objects.get(code="AR-M"), institution="Mendoza"
    )
    page = client.get("/en/directory/focal-points/").text
    assert 'href="/en/partners/province/ar-m/"' in page


def titles(element):
    return {link.text_content() for link in element.xpath(".//li/a")}


def test_the_national_list_and_its_catalogue_link_agree(
    client, mendoza_projects, make_project
):
    """A decentralised project that happens in Mendoza without Mendoza among its
    partners is neither national there nor counted so by the catalogue."""
    san_juan = make_project(
        title_en="San Juan and Coquimbo",
        partners=[("AR", "both"), ("CL", "both")],
        is_decentralised=True,
    )
    SubnationalParticipation.objects.create(
        project=san_juan, province=Province.objects.get(code="AR-J")
    )
    SubnationalParticipation.objects.create(
        project=san_juan, subdivision=Subdivision.objects.get(code="CL-CO")
    )
    san_juan.provinces.add(Province.objects.get(code="AR-M"))

    page = client.get(URL).text
    national = titles(section(page, "national-cooperation"))
    catalogue = client.get(
        "/en/projects/", {"province": "AR-M", "decentralised": "no"}
    ).context["projects"]
    assert national == {"Vineyard health with INTA"}
    assert national == {project.title_en for project in catalogue}
    assert "San Juan and Coquimbo" not in page


def test_the_autonomous_city_is_not_called_a_province(client, references):
    with translation.override("en"):
        page = client.get("/en/partners/province/ar-c/").text
    tree = html.fromstring(page)
    assert tree.xpath('//p[@class="lead"]')[0].text_content() == (
        "Autonomous city, capital of the Argentine Republic"
    )
    assert "province" not in section(page, "national-cooperation").text_content()
    assert "National cooperation in the city" in page
    assert "Projects in which the city cooperates" in page
    assert "Argentine province" not in page
    assert "Provincia argentina" not in client.get("/partners/province/ar-c/").text
    mendoza = client.get(URL).text
    assert "Argentine province" in mendoza
    assert "National cooperation in the province" in mendoza
