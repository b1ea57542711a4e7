"""Issue 12: page-wide checks over every public page and open-data file, in both
languages.

- Argentine territory: the word "Falkland" appears nowhere, and nothing links to a
  country page for the Malvinas, South Georgia and South Sandwich Islands or
  Antarctica (those are parts of the province AR-V).
- Personal data: the contact person and the endorsing authority of a proposal never
  reach a public page or file of the project made from it.

The crawl starts at the home pages (and at the project's own page), follows every
link to a public path once (a path with a query string counts once, whatever its
query) and reads pages and downloads alike.
"""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from bench.crawl import public_links
from projects.models import Project
from proposals import workflow
from proposals.workflow import Action

pytestmark = pytest.mark.django_db

TERRITORY_PAGE = re.compile(r"/partners/country/(fk|gs|aq)/", re.IGNORECASE)
OPEN_DATA = [
    "/projects/export.csv",
    "/projects/export.xlsx",
    "/projects/export.json",
    "/projects/export.schema.json",
    "/projects/iati.xml",
    "/en/projects/export.csv",
    "/en/projects/export.xlsx",
    "/en/projects/export.json",
    "/en/projects/iati.xml",
    "/data.json",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTACT = {
    "contact_name": "Zulema Contactovich",
    "contact_email": "zulema.privada@example.gob.ar",
    "contact_phone": "+54 381 555-0199",
    "endorsing_authority": "Ministro Ejemplar Reservado",
}


def body(response):
    if response.streaming:
        content = b"".join(response.streaming_content)
        if response["Content-Type"] == XLSX:
            return spreadsheet_text(content)
        return content.decode()
    return response.content.decode()


def spreadsheet_text(content):
    """Every cell of every sheet of an XLSX file, as text."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def crawl(client, start):
    """{url: text} of every public page and file reachable from ``start``."""
    queue, seen, pages = list(start), set(), {}
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        if path in seen:
            continue
        seen.add(path)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        assert response.status_code == 200, url
        text = body(response)
        pages[url] = text
        if "html" in response.get("Content-Type", ""):
            queue.extend(public_links(text))
    return pages


@pytest.fixture
def project_from_proposal(make_focal_point, make_proposal, reviewer):
    """A proposal with a contact person, accepted, and its project completed and
    published as staff would."""
    user = make_focal_point("AR-V")
    proposal = make_proposal(user, **CONTACT)
    for action, actor in (
        (Action.SUBMIT, user),
        (Action.START_REVIEW, reviewer),
        (Action.ACCEPT, reviewer),
    ):
        workflow.apply(proposal, action, actor)
    proposal.refresh_from_db()
    project = proposal.project
    project.title_en = "Beekeeping in the Paraguayan Chaco"
    project.planned_start = datetime.date(2025, 3, 1)
    project.planned_end = datetime.date(2027, 2, 28)
    project.status = Project.Status.IMPLEMENTATION
    project.publication = Project.Publication.PUBLISHED
    project.save()
    return project


def test_no_public_page_or_file_holds_falkland_or_a_proposals_contact(
    client, project_from_proposal
):
    """One crawl of every public page and file in both languages, with a project
    made from a proposal published among them."""
    project = project_from_proposal
    page = project.get_absolute_url()
    pages = crawl(client, ["/", "/en/", page, f"/en{page}", *OPEN_DATA])
    assert len(pages) > 300
    assert "/partners/province/ar-v/" in pages
    # The project is really there, in pages and files, in both languages.
    assert sum(project.title_es in text for text in pages.values()) >= 4
    assert any(project.title_en in text for text in pages.values())
    marks = [*CONTACT.values(), "555-0199", "5550199", "zulema"]
    for url, text in pages.items():
        lowered = text.lower()
        assert "falkland" not in lowered, url
        assert not TERRITORY_PAGE.search(text), url
        for mark in marks:
            assert mark.lower() not in lowered, (url, mark)
