"""A province's proposal, from the focal point's form to the reviewer's acceptance."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from projects.models import Currency, SdgGoal, Sector
from proposals.models import Proposal
from tests.conftest import PDF_BYTES
from tests.e2e.test_public_site import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-Str0ng-passphrase"


@pytest.fixture
def proposals_site(site, make_focal_point, reviewer):
    call_command("load_project_references", stdout=io.StringIO())
    return site


def sign_in(page, site, username, prefix="/en"):
    page.goto(f"{site}{prefix}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()


def test_a_focal_point_submits_a_proposal_and_a_reviewer_accepts_it(
    browser, page, proposals_site, make_focal_point, reviewer
):
    site = proposals_site
    focal_point = make_focal_point("AR-T", email="ana@tucuman.gob.ar")

    # The focal point signs in and lands on the province's proposals.
    sign_in(page, site, "Ana@Tucuman.gob.ar")
    page.wait_for_url(re.compile(r"/en/proposals/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Proposals of Tucumán"
    assert axe_violations(page) == []
    page.get_by_role("link", name="New proposal").click()
    page.wait_for_url(re.compile(r"/en/proposals/new/$"))
    assert axe_violations(page) == []

    page.get_by_label("Title").fill("Beekeeping for the Paraguayan Chaco")
    page.get_by_label("Summary").fill("Transfer of beekeeping techniques.")
    page.get_by_label("Background and problem").fill("Low honey yields.")
    page.get_by_label("General objective").fill("Raise beekeepers' incomes.")
    page.get_by_label("Specific objectives").fill("Train 40 technicians.")
    page.get_by_label("Expected results").fill("40 technicians trained.")
    page.get_by_label("Target population").fill("Chaco cooperatives.")
    page.get_by_label("Modality").select_option("bilateral")
    page.get_by_label("Instrument").select_option("project")
    page.get_by_label("Argentina's role").select_option("provider")
    # Partner countries are checkboxes grouped by region, each inside its label.
    page.locator("label", has_text="Paraguay").locator("input").check()
    page.get_by_label("Partner institutions").fill("Ministry of Agriculture (PY)")
    page.get_by_label("Argentine executing institution").fill("INTA Famaillá")
    page.locator("#id_segib_sector").select_option(index=1)
    page.locator("#id_dac_sector").select_option(
        str(Sector.objects.get(code="31195").pk)
    )
    page.locator(
        f"input[name=sdg_goals][value='{SdgGoal.objects.get(number=2).pk}']"
    ).check()
    page.get_by_label("Duration in months").fill("24")
    page.get_by_label("Estimated budget").fill("85000")
    page.get_by_label("Currency").select_option(
        str(Currency.objects.get(code="USD").pk)
    )
    page.get_by_label("Endorsing authority").fill("Minister of Production")
    page.get_by_label("Contact person").fill("Ana Pérez")
    page.get_by_label("Contact e-mail").fill("ana@tucuman.gob.ar")
    page.locator("#id_attachments-0-kind").select_option("endorsement")
    page.locator("#id_attachments-0-file").set_input_files(
        {"name": "endorsement.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_url(re.compile(r"/en/proposals/\d+/$"))
    assert "Your proposal was submitted." in page.locator(".messages").inner_text()
    assert page.locator(".status").first.inner_text() == "Submitted"
    assert page.get_by_role("link", name="endorsement.pdf").is_visible()
    assert "Submitted" in page.locator(".timeline").inner_text()
    assert axe_violations(page) == []
    assert page.csp_violations == []
    proposal = Proposal.objects.get()
    assert [message.to for message in mail.outbox] == [[reviewer.email]]

    # A reviewer takes it in the admin: start the review, then accept.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = context.new_page()
    admin.goto(f"{site}/admin/login/")
    admin.locator("#id_username").fill(reviewer.username)
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("input[type=submit]").click()
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.goto(f"{site}/admin/proposals/proposal/?status__exact=submitted")
    admin.get_by_role("link", name=proposal.reference).click()
    admin.wait_for_url(re.compile(rf"/admin/proposals/proposal/{proposal.pk}/change/"))
    assert "endorsement.pdf" in admin.locator("body").inner_text()
    assert axe_violations(admin) == []
    admin.locator("#review button[value=start-review]").click()
    admin.locator("#review button[value=accept]").click()
    admin.wait_for_selector(".messagelist a")
    assert admin.locator(".messagelist").get_by_role("link").count() == 1
    admin.locator(".messagelist").get_by_role("link").click()
    admin.wait_for_url(re.compile(r"/admin/projects/project/\d+/change/"))
    context.close()

    proposal.refresh_from_db()
    project = proposal.project
    assert proposal.status == Proposal.Status.ACCEPTED
    assert project.title_es == "Beekeeping for the Paraguayan Chaco"
    assert project.publication == "draft"
    assert project.sectors.get().sector.code == "31195"
    assert [c.code for c in project.provinces.all()] == ["AR-T"]
    assert sorted(
        project.participations.filter(country__isnull=False).values_list(
            "country__code", "segib_role"
        )
    ) == [("AR", "provider"), ("PY", "recipient")]
    # "INTA Famaillá" names INTA: it executes the project on the Argentine side.
    assert list(
        project.participations.filter(organisation__isnull=False).values_list(
            "organisation__acronym", "iati_role"
        )
    ) == [("INTA", "4")]

    # The focal point sees the decision in the timeline and got an e-mail.
    page.reload()
    assert page.locator(".status").first.inner_text() == "Accepted"
    assert "Accepted" in page.locator(".timeline").inner_text()
    assert focal_point.email in [m.to[0] for m in mail.outbox]


def test_proposal_pages_work_on_a_phone_in_spanish(
    browser, proposals_site, make_focal_point, make_proposal
):
    user = make_focal_point("AR-H")
    proposal = make_proposal(user)
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, proposals_site, user.username, prefix="")
    page.wait_for_url(re.compile(r"/proposals/$"))
    for path in (
        "/proposals/",
        "/proposals/new/",
        proposal.get_absolute_url(),
        f"/proposals/{proposal.pk}/edit/",
        "/directory/focal-points/",
        "/accounts/",
    ):
        page.goto(proposals_site + path)
        assert page.locator("html").get_attribute("lang") == "es"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (path, width)
        assert axe_violations(page) == [], path
    context.close()
