import datetime
import io
import itertools
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SOURCES = Path(settings.BASE_DIR).parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached counts never leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def directory_data(db):
    """The four units and their lines, loaded as `make setup` loads them."""
    from directory.models import Unit

    call_command("load_directory", stdout=io.StringIO())
    return {unit.slug: unit for unit in Unit.objects.all()}


@pytest.fixture
def count_queries():
    """count_queries(client, url): the number of queries a GET of ``url`` makes,
    after checking that it answers 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        return len(queries)

    return count


@pytest.fixture
def partners_data(db):
    """Regions, countries, provinces, blocs and organisations, as `make setup` loads."""
    call_command("load_partners", stdout=io.StringIO())


@pytest.fixture
def source_directory_text():
    """The contact section of the source document the directory comes from."""
    path = SOURCES / "000_d3720c5cad29d7ce.txt"
    if not path.exists():
        pytest.fail(f"Source document missing: {path} (shared/ sits beside the repo).")
    return path.read_text(encoding="utf-8")


_numbers = itertools.count(1)


@pytest.fixture
def references(partners_data, directory_data):
    """Partners, directory and the projects' reference lists, as `make setup` loads."""
    call_command("load_project_references", stdout=io.StringIO())


@pytest.fixture
def make_project(references):
    """A valid, published project; keyword arguments override its fields, and
    ``partners`` lists (country code or organisation slug, SEGIB role) pairs."""

    from directory.models import Unit
    from partners.models import Country, Organisation
    from projects.models import Currency, Participation, Project, ProjectSector, Sector

    def make(partners=None, sectors=None, **fields):
        number = next(_numbers)
        modality = fields.setdefault("modality", Project.Modality.BILATERAL)
        if partners is None:
            partners = {
                Project.Modality.TRIANGULAR: [
                    ("AR", "first-provider"),
                    ("jica", "second-provider"),
                    ("PY", "recipient"),
                ],
                Project.Modality.REGIONAL: [
                    ("AR", "participant"),
                    ("UY", "participant"),
                ],
            }.get(modality, [("AR", "provider"), ("PY", "recipient")])
        defaults = {
            "title_es": f"Proyecto de cooperación {number}",
            "title_en": f"Cooperation project {number}",
            "summary_es": "Resumen del proyecto.",
            "summary_en": "Project summary.",
            "slug": f"project-{number}",
            "status": Project.Status.IMPLEMENTATION,
            "publication": Project.Publication.PUBLISHED,
            "directorate": Unit.objects.get(slug="bilateral-cooperation"),
            "planned_start": datetime.date(2024, 3, 1),
            "planned_end": datetime.date(2026, 2, 28),
        }
        project = Project(**defaults | fields)
        project.full_clean()
        project.save()
        for position, (partner, role) in enumerate(partners):
            is_country = len(partner) == 2 and partner.isupper()
            Participation.objects.create(
                project=project,
                country=Country.objects.get(code=partner) if is_country else None,
                organisation=None
                if is_country
                else Organisation.objects.get(slug=partner),
                segib_role=role,
                iati_role="1" if position == 0 else "4",
                amount=50000 if position == 0 else None,
                currency=Currency.objects.get(code="USD") if position == 0 else None,
                position=position,
            )
        for code, percentage in sectors or [("31120", 100)]:
            ProjectSector.objects.create(
                project=project,
                sector=Sector.objects.get(code=code),
                percentage=percentage,
            )
        project.refresh_search_text()
        project.save(update_fields=["search_text"])
        return project

    return make
