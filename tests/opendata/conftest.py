import datetime
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone


def in_ci():
    """CI says so (CI=true), or points the tests at the IATI files explicitly."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"} or bool(
        os.environ.get("IATI_SCHEMA_DIR")
    )


def missing(what, path):
    """Fail in CI, where the IATI files must be; skip, saying why, elsewhere."""
    reason = f"{what} not found at {path} (set IATI_SCHEMA_DIR to its folder)"
    if in_ci():
        pytest.fail(f"{reason}: CI must check the IATI export against it.")
    pytest.skip(f"{reason}; the IATI export is not checked against it here.")


@pytest.fixture(scope="session")
def iati_schema():
    """The official IATI 2.03 activity schema (``settings.IATI_SCHEMA_DIR``)."""
    from opendata.iati import SCHEMA_FILE, load_schema

    schema = load_schema(settings.IATI_SCHEMA_DIR)
    if schema is None:
        missing("The IATI schema", Path(settings.IATI_SCHEMA_DIR) / SCHEMA_FILE)
    return schema


@pytest.fixture(scope="session")
def iati_shared():
    """The IATI folder beside the schema: codelists, examples and rules."""
    folder = Path(settings.IATI_SCHEMA_DIR).parent
    if not (folder / "rules" / "standard.json").is_file():
        missing("The IATI ruleset", folder / "rules" / "standard.json")
    return folder


@pytest.fixture(scope="session")
def iati_ruleset(iati_shared):
    return json.loads((iati_shared / "rules" / "standard.json").read_text())


@pytest.fixture
def full_project(make_project):
    """A triangular project with every kind of data the exports write."""
    from django.core.files.base import ContentFile

    from partners.models import Bloc, Province
    from projects.models import (
        Budget,
        Currency,
        Document,
        DocumentCategory,
        Indicator,
        Result,
        SdgGoal,
        SdgTarget,
        SegibSector,
    )

    project = make_project(
        modality="triangular",
        title_es="Gestión del agua en el Chaco",
        title_en="Water management in the Chaco",
        summary_es="Resumen en español.",
        summary_en="Summary in English.",
        description_es="Descripción larga.",
        objectives_es="Objetivos del proyecto.",
        objectives_en="Project objectives.",
        fo_ar_number="FO.AR 2024-031",
        segib_sector=SegibSector.objects.first(),
        actual_start=datetime.date(2024, 4, 1),
        sectors=[("31120", 60), ("14010", 40)],
    )
    project.provinces.add(Province.objects.get(code="AR-X"))
    project.blocs.add(Bloc.objects.get(slug="mercosur"))
    project.main_sdg = SdgGoal.objects.get(number=6)  # among its goals on save
    project.save()
    project.sdg_targets.add(SdgTarget.objects.get(code="6.5"))
    usd, ars = Currency.objects.get(code="USD"), Currency.objects.get(code="ARS")
    for start, value, currency in [
        (datetime.date(2024, 3, 1), 50000, usd),
        (datetime.date(2025, 3, 1), 20000, usd),
        (datetime.date(2024, 3, 1), 1500000, ars),
    ]:
        Budget.objects.create(
            project=project,
            period_start=start,
            period_end=start.replace(year=start.year + 1) - datetime.timedelta(1),
            value=value,
            currency=currency,
            value_date=start,
        )
    category = DocumentCategory.objects.get(code="A09")
    Document.objects.create(
        project=project,
        title_es="Acta de la comisión mixta",
        title_en="Joint commission minutes",
        category=category,
        url="https://www.example.org/acta.pdf",
    )
    Document.objects.create(
        project=project,
        title_es="Informe",
        category=category,
        file=ContentFile(b"%PDF-1.4 report", name="informe.pdf"),
        position=1,
    )
    result = Result.objects.create(
        project=project, title_es="Técnicos capacitados", title_en="Trained staff"
    )
    Indicator.objects.create(
        result=result,
        title_es="Técnicos capacitados",
        baseline_year=2024,
        baseline_value=0,
        target_value=20,
        actual_value=12,
    )
    return project


@pytest.fixture
def make_programme(references):
    """make_programme(country, number, published, venue, **fields): a bilateral
    programme approved at a joint commission with ``country`` (held in ``venue``)."""
    from directory.models import Unit
    from partners.models import Country
    from projects.models import JointCommission, Programme

    dash = "\N{EN DASH}"

    def make(country="BO", number=3, published=True, venue="", **fields):
        commission = JointCommission.objects.create(
            country=Country.objects.get(code=country),
            number=number + 3,
            date=datetime.date(2024, 5, 12),
            venue=venue,
            directorate=Unit.objects.get(slug="bilateral-cooperation"),
        )
        defaults = {
            "title_es": f"Programa de Cooperación Técnica Argentina{dash}{country}",
            "title_en": f"Argentina{dash}{country} Technical Cooperation Programme",
            "slug": f"programa-{country.lower()}-{number}",
            "number": number,
            "period_start": datetime.date(2024, 6, 1),
            "period_end": timezone.localdate() + datetime.timedelta(days=365),
        }
        return Programme.objects.create(
            commission=commission, is_published=published, **defaults | fields
        )

    return make


@pytest.fixture
def two_programmes(make_programme, make_project):
    """Two published programmes with two and one projects, an unpublished one with
    a project, and a project of none."""
    bolivia = make_programme("BO")
    chile = make_programme("CL")
    hidden = make_programme("UY", published=False)
    children = {
        bolivia: [
            make_project(
                programme=bolivia, partners=[("AR", "provider"), ("BO", "recipient")]
            ),
            make_project(
                programme=bolivia,
                partners=[("AR", "provider"), ("BO", "recipient")],
                sectors=[("31120", 60), ("14010", 40)],
            ),
        ],
        chile: [
            make_project(
                programme=chile, partners=[("AR", "provider"), ("CL", "recipient")]
            )
        ],
    }
    hidden_child = make_project(programme=hidden)
    loose = make_project()
    return children, hidden, hidden_child, loose


@pytest.fixture
def iati_dir(settings, tmp_path):
    """The published IATI files (``opendata.iati_publish``) in a folder of the
    test's own."""
    settings.DGCIN_IATI_DIR = tmp_path / "iati"
    return settings.DGCIN_IATI_DIR


@pytest.fixture(scope="session")
def iati_org_schema():
    """The official IATI 2.03 organisation schema (``settings.IATI_SCHEMA_DIR``)."""
    from opendata.iati_org import load_org_schema

    schema = load_org_schema(settings.IATI_SCHEMA_DIR)
    if schema is None:
        missing(
            "The IATI organisation schema",
            Path(settings.IATI_SCHEMA_DIR) / "iati-common.xsd",
        )
    return schema
