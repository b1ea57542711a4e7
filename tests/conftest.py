import datetime
import io
import itertools
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from pytest_django.plugin import blocking_manager_key

from . import template_db

SOURCES = Path(settings.BASE_DIR).parent / "shared" / "sources"

# The reference data `make setup` loads, by the command that loads each part.
REFERENCE_DATA = ("load_partners", "load_directory", "load_project_references")


def load(*commands):
    for command in commands:
        call_command(command, stdout=io.StringIO())


def table_rows(tables):
    """{table: (columns, rows)} of ``tables`` as they are now."""
    from django.db import connection

    snapshot = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            snapshot[table] = (columns, cursor.fetchall())
    return snapshot


def restore(snapshot):
    """Write back the rows of ``snapshot`` (the tables are empty after a
    transactional test): what the loaders wrote, without running them again."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in snapshot.items():
            names = ", ".join(quote(column) for column in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                rows,
            )
        # The rows keep their ids; PostgreSQL's sequences must pass them, or the
        # next row a test creates collides with one written back (a migration test
        # that recreates a table starts its sequence at 1 again).
        models = [
            model for model in apps.get_models() if model._meta.db_table in snapshot
        ]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


# The rows the loaders wrote, by table, taken once per session.
_reference_rows = {}
# How this worker gets its database: "read" a kept one (template_db) or "build" it.
_template = {}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """When a migrated, loaded SQLite database is kept for this code (template_db),
    create the tables without migrating: they are overwritten by the kept copy.
    Otherwise hold the lock while this worker builds it, so the others wait and
    read it instead of migrating too."""
    from django.db import connection

    if not template_db.applies(connection):
        return
    _template["name"] = template_db.digest()
    lock = template_db.locked()
    lock.__enter__()
    if all(path.exists() for path in template_db.paths(_template["name"])):
        lock.__exit__(None, None, None)
        connection.settings_dict["TEST"]["MIGRATE"] = False
        _template["mode"] = "read"
    else:
        _template["mode"], _template["lock"] = "build", lock


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the reference data loaded once for the
    session: every test starts with it (see pytest_runtest_setup), and the ``db``
    fixture's transaction rolls back whatever a test changes."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    with django_db_blocker.unblock():
        mode = _template.get("mode")
        filled = None
        if mode == "read":
            filled = template_db.read(connection, _template["name"])
        if filled is None:
            try:
                before = table_rows(connection.introspection.django_table_names())
                load(*REFERENCE_DATA)
                filled = [table for table, (_, rows) in before.items() if not rows]
                if mode == "build":
                    template_db.write(connection, _template["name"], filled)
            finally:
                if "lock" in _template:
                    _template.pop("lock").__exit__(None, None, None)
        ContentType.objects.clear_cache()
        _reference_rows.update(
            (table, content)
            for table, content in table_rows(filled).items()
            if content[1]
        )


# Fixtures that make pytest-django run a test as a TransactionTestCase.
TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
}


def is_transactional(item):
    """Whether pytest-django runs ``item`` as a TransactionTestCase, which commits
    and empties every table when it ends."""
    marker = item.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return not TRANSACTIONAL_FIXTURES.isdisjoint(fixtures)


def uses_the_database(item):
    fixtures = getattr(item, "fixturenames", ())
    return bool(item.get_closest_marker("django_db")) or not (
        TRANSACTIONAL_FIXTURES | {"db"}
    ).isdisjoint(fixtures)


# Whether a transactional test has emptied the database since the data was loaded.
_database = {"emptied": False}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """After a transactional test, write the reference data back (committed) before
    the next test that uses the database. pytest-django runs the transactional
    tests last, so this happens only among them."""
    if _database["emptied"] and uses_the_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore(_reference_rows)
        _database["emptied"] = False
    outcome = yield
    # A transactional test empties the database when it ends, unless it was
    # skipped before its fixtures ran (skipif: PostgreSQL only).
    skipped = outcome.excinfo and issubclass(outcome.excinfo[0], pytest.skip.Exception)
    if is_transactional(item) and not skipped:
        _database["emptied"] = True


@pytest.fixture
def no_reference_data(db):
    """The database without the reference data, for a test that builds its own
    partners, units or reference lists from nothing: the tables of the apps the
    loaders fill (and those that point at them) are emptied inside the test's
    transaction, which rolls it back. Request it before fixtures that add rows."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    tables = [
        model._meta.db_table
        for label in ("partners", "directory", "projects")
        for model in apps.get_app_config(label).get_models()
    ]
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Spanish: a request under /en/ leaves English active in the
    thread, which would change what reverse() gives in the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache and no kept download: cached counts
    and files never leak between tests."""
    import shutil

    from django.core.cache import cache

    cache.clear()
    shutil.rmtree(settings.DGCIN_EXPORT_CACHE_DIR, ignore_errors=True)


@pytest.fixture
def fresh_pages(settings):
    """Every request runs its view, for tests of its queries or context (a page
    from the cache, dgcin/page_cache.py, would not run it)."""
    settings.DGCIN_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def directory_data(db):
    """The four units and their lines, as `make setup` loads them, by slug."""
    from directory.models import Unit

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
    """Regions, countries, provinces, blocs and organisations, as `make setup` loads
    them: loaded once for the session (see django_db_setup)."""


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
    """Partners, directory and the projects' reference lists, as `make setup` loads
    them: loaded once for the session (see django_db_setup)."""


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
        return project

    return make


@pytest.fixture
def committed(make_project, django_capture_on_commit_callbacks):
    """make_project(...) committed, as in production: the generation moves."""

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_project(**fields)

    return make


# The smallest file libmagic reads as a PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def pdf_file():
    """pdf_file(name="letter.pdf"): a small real PDF upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="nota-de-aval.pdf"):
        return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")

    return make


@pytest.fixture
def make_focal_point(references):
    """make_focal_point("AR-T", email=...): a province's focal point with one active
    account that has a password ("a-Str0ng-passphrase"); returns the user."""
    from django.contrib.auth import get_user_model

    from directory.models import FocalPoint, FocalPointAccount
    from partners.models import Province

    def make(province="AR-T", email=None, language="es"):
        province = Province.objects.get(code=province)
        focal_point, _ = FocalPoint.objects.get_or_create(
            province=province,
            defaults={"institution": f"Relaciones Internacionales de {province.name}"},
        )
        email = email or f"fp-{province.code.lower()}-{next(_numbers)}@example.gob.ar"
        user = get_user_model().objects.create_user(
            username=email,
            email=email,
            password="a-Str0ng-passphrase",
            first_name="Ana",
            last_name=province.name,
        )
        FocalPointAccount.objects.create(user=user, focal_point=focal_point)
        if language != "es":
            from directory.models import Profile

            Profile.objects.create(user=user, language=language)
        return user

    return make


@pytest.fixture
def reviewer(db):
    """A staff account with the permission to review proposals."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(
        username="revisora",
        email="revisora@cancilleria.gob.ar",
        password="a-Str0ng-passphrase",
        first_name="Rita",
        last_name="Revisora",
        is_staff=True,
    )
    user.user_permissions.add(
        Permission.objects.get(codename="review_proposal"),
        Permission.objects.get(codename="view_project"),
        Permission.objects.get(codename="change_project"),
    )
    # Reviewers work in a directorate: proposals they accept go to it by default.
    from directory.models import StaffMembership, Unit

    StaffMembership.objects.create(
        user=user, unit=Unit.objects.get(slug="bilateral-cooperation")
    )
    return user


@pytest.fixture
def make_proposal(references):
    """make_proposal(user, complete=True, sent=False, **fields): a draft of the
    user's province, complete with an endorsement letter unless ``complete`` is
    false; ``sent`` submits it (reviewers never see an unsent draft)."""
    from django.core.files.base import ContentFile

    from partners.models import Country
    from projects.models import Currency, SdgGoal, Sector, SegibSector
    from proposals import workflow
    from proposals.models import Proposal, ProposalAttachment

    def make(user, complete=True, sent=False, **fields):
        values = {"title": "Fortalecimiento de la apicultura en el Chaco paraguayo"}
        if complete:
            values |= {
                "summary": "Transferir técnicas de apicultura.",
                "background": "Baja productividad de las cooperativas apícolas.",
                "general_objective": "Mejorar los ingresos de los apicultores.",
                "specific_objectives": "Capacitar a 40 técnicos.",
                "expected_results": "40 técnicos capacitados.",
                "target_population": "Cooperativas del Chaco.",
                "modality": "bilateral",
                "instrument": "project",
                "argentina_role": "provider",
                "partner_institutions": "Ministerio de Agricultura y Ganadería (PY).",
                "executing_institution": "INTA Estación Experimental Famaillá",
                "segib_sector": SegibSector.objects.first(),
                "dac_sector": Sector.objects.get(code="31195"),
                "duration_months": 24,
                "estimated_budget": 85000,
                "currency": Currency.objects.get(code="USD"),
                "endorsing_authority": "Ministra de Producción de la provincia",
                "contact_name": "Ana Pérez",
                "contact_email": "ana.perez@example.gob.ar",
            }
        proposal = workflow.start(Proposal(**values | fields), user)
        if complete:
            proposal.partner_countries.set(Country.objects.filter(code="PY"))
            proposal.sdg_goals.set(SdgGoal.objects.filter(number__in=[1, 2]))
            attachment = ProposalAttachment(
                proposal=proposal,
                kind="endorsement",
                original_name="aval.pdf",
                content_type="application/pdf",
                size=len(PDF_BYTES),
                uploaded_by=user,
            )
            attachment.file.save("aval.pdf", ContentFile(PDF_BYTES), save=False)
            attachment.save()
        if sent:
            workflow.apply(proposal, "submit", user)
            proposal.refresh_from_db()
        return proposal

    return make


@pytest.fixture
def located(make_project):
    """A Bolivian project (its default partners are Argentina and Bolivia) with a
    place in La Paz on the map and a workshop in Mendoza."""
    from decimal import Decimal

    from partners.models import Province, Subdivision
    from projects.models import Location

    project = make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    Location.objects.create(
        project=project,
        subdivision=Subdivision.objects.get(code="BO-L"),
        place="El Alto",
        latitude=Decimal("-16.504700"),
        longitude=Decimal("-68.162500"),
        position=0,
    )
    Location.objects.create(
        project=project, province=Province.objects.get(code="AR-M"), position=1
    )
    return project
