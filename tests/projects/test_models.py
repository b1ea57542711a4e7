import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from accounts.permissions import editable_projects
from directory.models import StaffMembership, Unit
from partners.models import Country, Organisation
from projects.models import (
    Budget,
    Currency,
    Document,
    DocumentCategory,
    Participation,
    Project,
    ProjectSector,
    Sector,
)
from projects.rules import participation_errors, sector_percentage_error

pytestmark = pytest.mark.django_db


def test_the_end_before_the_start_is_refused_by_clean_and_database(make_project):
    project = make_project()
    project.planned_end = project.planned_start - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()
    assert "planned_end" in excinfo.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        project.save()


def test_actual_dates_cannot_be_in_the_future(make_project):
    project = make_project()
    today = timezone.localdate()
    project.actual_start = today + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()
    assert "actual_start" in excinfo.value.message_dict
    project.actual_start = today
    project.full_clean()


def test_the_iati_identifier_is_built_from_the_setting_and_stays(make_project):
    with override_settings(DGCIN_IATI_ORG_REF="XM-TEST-1"):
        project = make_project()
    assert project.iati_identifier == f"XM-TEST-1-{project.pk:06d}"
    project.refresh_from_db()
    assert project.iati_identifier == f"XM-TEST-1-{project.pk:06d}"
    project.title_es = "Otro título"
    project.save()
    project.refresh_from_db()
    assert project.iati_identifier.startswith("XM-TEST-1-")


def test_start_year_follows_the_actual_then_the_planned_start(make_project):
    project = make_project(planned_start=datetime.date(2023, 5, 1))
    assert project.start_year == 2023
    project.actual_start = datetime.date(2022, 12, 1)
    project.save()
    assert project.start_year == 2022


@pytest.mark.parametrize(
    ("modality", "roles", "fragment"),
    [
        ("triangular", ["first-provider", "recipient"], "segundo oferente"),
        ("triangular", ["second-provider", "recipient"], "primer oferente"),
        ("triangular", ["first-provider", "second-provider"], "receptor"),
        ("bilateral", ["provider", "participant"], "participante"),
        ("regional", ["participant", "provider"], "oferente"),
    ],
)
def test_segib_roles_must_fit_the_modality(modality, roles, fragment):
    errors = " ".join(participation_errors(modality, roles))
    assert fragment in errors.lower()


def test_a_complete_triangular_project_passes():
    roles = ["first-provider", "second-provider", "recipient", "recipient"]
    assert participation_errors("triangular", roles) == []
    assert participation_errors("bilateral", ["provider", "recipient"]) == []


def test_sector_percentages_must_add_up_to_100():
    assert sector_percentage_error(["60", "40"]) is None
    assert "90" in sector_percentage_error(["60", "30"])
    assert sector_percentage_error([]) is None


def test_a_sector_share_is_above_0_and_at_most_100(make_project):
    project = make_project()
    share = ProjectSector(
        project=project, sector=Sector.objects.get(code="11110"), percentage=120
    )
    with pytest.raises(ValidationError):
        share.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        share.save()


def test_a_participation_is_a_country_or_an_organisation(make_project):
    project = make_project()
    both = Participation(
        project=project,
        country=Country.objects.get(code="PY"),
        organisation=Organisation.objects.get(slug="inta"),
        segib_role="provider",
        iati_role="4",
    )
    with pytest.raises(ValidationError):
        both.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        both.save()
    neither = Participation(project=project, segib_role="provider", iati_role="4")
    with pytest.raises(ValidationError):
        neither.full_clean()


def test_a_contribution_needs_a_currency(make_project):
    row = Participation(
        project=make_project(),
        country=Country.objects.get(code="UY"),
        segib_role="recipient",
        iati_role="4",
        amount=1000,
    )
    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()
    assert "currency" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("start", "end", "valid"),
    [
        (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), True),
        (datetime.date(2024, 1, 1), datetime.date(2025, 1, 1), False),
        (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28), True),
        (datetime.date(2024, 6, 1), datetime.date(2024, 5, 1), False),
    ],
)
def test_a_budget_period_lasts_one_year_at_most(make_project, start, end, valid):
    budget = Budget(
        project=make_project(),
        period_start=start,
        period_end=end,
        value=1000,
        currency=Currency.objects.get(code="ARS"),
        value_date=start,
    )
    if valid:
        budget.full_clean()
    else:
        with pytest.raises(ValidationError) as excinfo:
            budget.full_clean()
        assert "period_end" in excinfo.value.message_dict


def test_search_covers_titles_summaries_partners_and_fo_ar(make_project):
    project = make_project(
        title_es="Gestión del agua en Chaco", fo_ar_number="FO.AR 2024-031"
    )
    make_project(partners=[("AR", "provider"), ("BO", "recipient")])
    found = Project.objects.search
    assert list(found("gestion agua")) == [project]
    assert list(found("water")) == []
    assert project in found("paraguay")
    assert project in found("PARAGUAY")
    assert list(found("2024-031")) == [project]
    assert project not in found("bolivia")


def test_staff_edit_only_their_directorates_projects(make_project, django_user_model):
    from django.contrib.auth.models import Permission

    bilateral = make_project()
    multilateral = make_project(
        directorate=Unit.objects.get(slug="multilateral-cooperation")
    )
    staff = django_user_model.objects.create_user("ana", is_staff=True)
    StaffMembership.objects.create(user=staff, unit=bilateral.directorate)
    # Working in the directorate is not enough: the change permission is needed.
    assert list(editable_projects(staff, Project.objects.all())) == []
    staff.user_permissions.add(Permission.objects.get(codename="change_project"))
    staff = django_user_model.objects.get(pk=staff.pk)  # no cached permissions
    assert list(editable_projects(staff, Project.objects.all())) == [bilateral]

    coordinator = django_user_model.objects.create_user("coord", is_staff=True)
    coordinator.user_permissions.add(
        Permission.objects.get(codename="change_all_projects")
    )
    assert set(editable_projects(coordinator, Project.objects.all())) == {
        bilateral,
        multilateral,
    }


FIXTURES = Path(__file__).parent / "files"


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def test_a_document_is_checked_by_its_content(make_project):
    project = make_project()
    category = DocumentCategory.objects.get(code="A09")
    good = Document(
        project=project,
        title_es="Memorando",
        category=category,
        file=SimpleUploadedFile("mou.pdf", pdf_bytes()),
    )
    good.full_clean()
    disguised = Document(
        project=project,
        title_es="Memorando",
        category=category,
        file=SimpleUploadedFile("mou.pdf", b"<html><script>alert(1)</script></html>"),
    )
    with pytest.raises(ValidationError) as excinfo:
        disguised.full_clean()
    assert "text/html" in str(excinfo.value)


def test_a_document_has_a_file_or_a_link_not_both(make_project):
    document = Document(
        project=make_project(),
        title_es="Evaluación",
        category=DocumentCategory.objects.get(code="A07"),
    )
    with pytest.raises(ValidationError):
        document.full_clean()
    document.url = "https://www.example.org/evaluacion.pdf"
    document.full_clean()
