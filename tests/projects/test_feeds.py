"""Issue 14: the RSS and Atom feeds of newly published projects
(projects/feeds.py), newest publication first, on DGCIN_SITE_URL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from projects.models import Project

pytestmark = pytest.mark.django_db

SITE = "https://cooperacion.example.gob.ar"
NS = {"atom": "http://www.w3.org/2005/Atom"}
HOSTILE_TITLE = '</script><script>alert("x")</script> Agua & "saneamiento"'


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.DGCIN_SITE_URL = SITE


def test_the_feeds_list_newly_published_projects_by_publication_date(
    client, make_project
):
    waiting = make_project(slug="waited", publication=Project.Publication.DRAFT)
    first = make_project(slug="first")
    make_project(slug="hidden", publication=Project.Publication.DRAFT)
    waiting.publication = Project.Publication.PUBLISHED
    waiting.save()
    first.summary_es = "Editado después: no vuelve a ser nuevo."
    first.save()  # a later change is not a new publication
    atom = client.get("/projects/feed.atom", HTTP_HOST="localhost")
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(atom.content)
    links = [
        entry.find("atom:link", NS).get("href")
        for entry in feed.findall("atom:entry", NS)
    ]
    assert links[:2] == [f"{SITE}/projects/waited/", f"{SITE}/projects/first/"]
    assert f"{SITE}/projects/hidden/" not in links
    self_link = feed.find("atom:link[@rel='self']", NS).get("href")
    assert self_link == f"{SITE}/projects/feed.atom"
    assert (
        feed.find("atom:title", NS).text
        == "Proyectos de cooperación publicados recientemente"
    )
    published = [
        e.find("atom:published", NS).text for e in feed.findall("atom:entry", NS)
    ]
    assert published == sorted(published, reverse=True)

    rss = client.get("/en/projects/feed.rss")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = etree.fromstring(rss.content).find("channel")
    assert channel.find("link").text == f"{SITE}/en/projects/"
    assert channel.find("language").text == "en"
    items = channel.findall("item")
    assert [i.find("link").text for i in items[:2]] == [
        f"{SITE}/en/projects/waited/",
        f"{SITE}/en/projects/first/",
    ]
    assert items[0].find("title").text == waiting.title_en


def test_a_feed_keeps_a_hostile_title_as_text(client, make_project):
    make_project(slug="hostile", title_es=HOSTILE_TITLE, summary_es="<b>negrita</b>")
    feed = etree.fromstring(client.get("/projects/feed.atom").content)
    entry = feed.find("atom:entry", NS)
    assert entry.find("atom:title", NS).text == HOSTILE_TITLE
    # The summary is HTML for feed readers: the plain text arrives escaped.
    assert entry.find("atom:summary", NS).text == "&lt;b&gt;negrita&lt;/b&gt;"


def test_the_feeds_make_as_many_queries_for_many_projects_as_for_few(
    client, make_project
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/projects/feed.atom").status_code == 200
        return len(captured)

    make_project()
    few = queries()
    for _ in range(6):
        make_project()
    assert queries() == few <= 4
