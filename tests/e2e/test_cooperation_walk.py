"""Issue 15's walk in a real browser: staff open a call for proposals, a focal
point answers it, a reviewer accepts the proposal into the programme, staff add a
mission and an executed cost and publish the project; the programme page, the
statistics and the IATI file show it."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from lxml import etree

from directory.models import StaffMembership, Unit
from partners.models import Country
from projects.models import (
    Currency,
    JointCommission,
    Programme,
    Project,
    SdgGoal,
    Sector,
)
from proposals.models import Call, Proposal
from tests.conftest import PDF_BYTES
from tests.e2e.test_public_site import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-Str0ng-passphrase"
TITLE = "Radiofarmacia en el Hospital de Clínicas de La Paz"


@pytest.fixture
def walk_site(site, django_user_model):
    call_command("load_project_references", stdout=io.StringIO())
    bilateral = Unit.objects.get(slug="bilateral-cooperation")
    commission = JointCommission.objects.create(
        country=Country.objects.get(code="BO"),
        number=6,
        date=timezone.localdate() - datetime.timedelta(days=20),
        venue="La Paz",
        directorate=bilateral,
    )
    Programme.objects.create(
        title_es="VI Programa de Cooperación Técnica Argentina–Bolivia",  # noqa: RUF001
        title_en="6th Argentina–Bolivia Technical Cooperation Programme",  # noqa: RUF001
        slug="vi-programa-argentina-bolivia",
        commission=commission,
        number=6,
        period_start=commission.date,
        period_end=commission.date + datetime.timedelta(days=730),
        is_published=True,
    )
    coordinator = django_user_model.objects.create_user(
        "coordinadora", "coordinadora@cancilleria.gob.ar", PASSWORD, is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name="Coordinación"))
    StaffMembership.objects.create(user=coordinator, unit=bilateral)
    return site


def admin_page(browser, site, username):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def pick(page, field_id, text):
    """Choose ``text`` in the admin's autocomplete (select2) for ``field_id``."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def save(page):
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    assert page.locator(".errornote").count() == 0, page.locator("main").inner_text()


def test_a_call_becomes_a_published_project_of_the_programme(
    browser, page, walk_site, make_focal_point, reviewer
):
    site = walk_site
    today = timezone.localdate()

    # Staff open the call, for the programme the commission approved.
    staff = admin_page(browser, site, "coordinadora")
    staff.goto(f"{site}/admin/proposals/call/add/")
    staff.locator("#id_title").fill("Convocatoria para proyectos con Bolivia")
    pick(staff, "id_country", "Bolivia")
    bilateral = Unit.objects.get(slug="bilateral-cooperation")
    staff.locator("#id_directorate").select_option(str(bilateral.pk))
    staff.locator("#id_opens_on").fill((today - datetime.timedelta(days=1)).isoformat())
    staff.locator("#id_closes_on").fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )
    staff.locator("#id_description").fill("Salud, agua y desarrollo productivo.")
    pick(staff, "id_programme", "VI Programa")
    save(staff)
    call = Call.objects.get()
    assert call.programme.slug == "vi-programa-argentina-bolivia"
    assert axe_violations(staff) == []

    # A focal point answers it.
    make_focal_point("AR-T", email="ana@tucuman.gob.ar")
    page.goto(f"{site}/en/accounts/login/")
    page.locator("input[name=username]").fill("ana@tucuman.gob.ar")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/en/proposals/$"))
    page.get_by_role("link", name=call.title).first.click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Write a proposal for this call").click()
    page.wait_for_url(re.compile(r"/en/proposals/new/\?call="))
    assert page.locator("#id_call").input_value() == str(call.pk)
    page.get_by_label("Title").fill(TITLE)
    for label, text in (
        ("Summary", "Formar radiofarmacéuticos del hospital."),
        ("Background and problem", "El hospital no produce radiofármacos."),
        ("General objective", "Ofrecer diagnósticos de medicina nuclear."),
        ("Specific objectives", "Capacitar a 6 profesionales."),
        ("Expected results", "6 profesionales capacitados."),
        ("Target population", "Pacientes del hospital."),
        ("Partner institutions", "Hospital de Clínicas (Bolivia)"),
        ("Argentine executing institution", "CNEA, Centro Atómico Ezeiza"),
        ("Duration in months", "18"),
        ("Estimated budget", "40000"),
        ("Endorsing authority", "Ministra de Salud de Tucumán"),
        ("Contact person", "Ana Pérez"),
        ("Contact e-mail", "ana@tucuman.gob.ar"),
    ):
        page.get_by_label(label).fill(text)
    page.get_by_label("Modality").select_option("bilateral")
    page.get_by_label("Instrument").select_option("project")
    page.get_by_label("Argentina's role").select_option("provider")
    page.locator("label", has_text="Bolivia").locator("input").check()
    page.locator("#id_segib_sector").select_option(index=1)
    page.locator("#id_dac_sector").select_option(
        str(Sector.objects.get(code="12191").pk)
    )
    page.locator(
        f"input[name=sdg_goals][value='{SdgGoal.objects.get(number=3).pk}']"
    ).check()
    page.get_by_label("Currency").select_option(
        str(Currency.objects.get(code="USD").pk)
    )
    page.locator("#id_attachments-0-kind").select_option("endorsement")
    page.locator("#id_attachments-0-file").set_input_files(
        {"name": "aval.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_url(re.compile(r"/en/proposals/\d+/$"))
    assert "Your proposal was submitted." in page.locator(".messages").inner_text()
    proposal = Proposal.objects.get()
    assert proposal.call == call

    # The reviewer accepts it: the draft project joins the call's programme.
    reviewer.groups.add(Group.objects.get(name="Revisor de propuestas"))
    review = admin_page(browser, site, reviewer.username)
    review.goto(f"{site}/admin/proposals/call/")
    received = review.locator(f"a[href$='?call__id__exact={call.pk}']")
    assert received.inner_text() == "1"
    received.click()
    review.get_by_role("link", name=proposal.reference).click()
    review.locator("#review button[value=start-review]").click()
    assert review.locator("#id_programme").input_value() == str(call.programme_id)
    review.locator("#review button[value=accept]").click()
    review.wait_for_selector(".messagelist a")
    proposal.refresh_from_db()
    project = proposal.project
    assert project.programme == call.programme
    assert project.participations.filter(organisation__acronym="CNEA").exists()

    # Staff add a mission and an executed cost, then publish.
    staff.goto(f"{site}/admin/projects/project/{project.pk}/change/")
    staff.locator("#id_planned_start").fill(today.replace(day=1).isoformat())
    staff.locator("#missions-group .add-row a").click()
    staff.locator("#id_missions-0-direction").select_option("outbound")
    pick(staff, "id_missions-0-country", "Bolivia")
    start = today - datetime.timedelta(days=10)
    staff.locator("#id_missions-0-planned_start").fill(start.isoformat())
    staff.locator("#id_missions-0-planned_end").fill(
        (start + datetime.timedelta(days=4)).isoformat()
    )
    # It happened: its costs count once its actual dates are recorded.
    staff.locator("#id_missions-0-actual_start").fill(start.isoformat())
    staff.locator("#id_missions-0-actual_end").fill(
        (start + datetime.timedelta(days=4)).isoformat()
    )
    staff.locator("#id_missions-0-experts").fill("2")
    staff.locator("#id_missions-0-cost_tickets").fill("1200")
    pick(staff, "id_missions-0-currency", "USD")
    staff.locator("#transactions-group .add-row a").click()
    staff.locator("#id_transactions-0-type").select_option("4")
    staff.locator("#id_transactions-0-participation").select_option(
        str(project.participations.get(country__code="BO").pk)
    )
    staff.locator("#id_transactions-0-date").fill(start.isoformat())
    staff.locator("#id_transactions-0-value").fill("3500")
    pick(staff, "id_transactions-0-currency", "USD")
    staff.locator("#id_transactions-0-value_date").fill(start.isoformat())
    staff.locator("#id_transactions-0-in_kind").check()
    staff.locator("#id_publication").select_option("published")
    save(staff)
    project.refresh_from_db()
    assert project.publication == Project.Publication.PUBLISHED
    assert project.missions.get().days == 5
    assert project.transactions.get().in_kind

    # The programme page, the project page, the statistics and the IATI file.
    page.goto(f"{site}/en/programmes/vi-programa-argentina-bolivia/")
    assert TITLE in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name=TITLE).click()
    main = page.locator("main").inner_text()
    assert "Argentine experts travel to Bolivia" in main
    assert "3,500" in main or "3.500" in main  # the in-kind executed cost
    page.goto(f"{site}/en/projects/stats/")
    assert "1 mission, with 2 experts or technicians and 10 expert-days" in (
        page.locator("main").inner_text()
    )
    response = page.request.get(f"{site}/projects/iati.xml")
    tree = etree.fromstring(response.body())
    activity = tree.find(f"iati-activity[iati-identifier='{project.iati_identifier}']")
    assert activity is not None
    related = activity.find("related-activity[@type='1']")
    assert related.get("ref") == call.programme.iati_identifier
    aid_types = {
        element.get("code") for element in activity.findall("transaction/aid-type")
    }
    assert "D01" in aid_types  # the mission's tickets, experts sent
    assert page.csp_violations == []
