"""The project change form never gives a 500 and never loses what was typed: bad
values come back with a message beside their field and everything typed, a chosen
file included; a save over someone else's newer one is refused, saying so."""

import datetime
import re
import time

import pytest
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import html

from projects import uploads
from projects.models import (
    Budget,
    Currency,
    Document,
    DocumentCategory,
    Indicator,
    Project,
    Result,
)
from tests.conftest import PDF_BYTES
from tests.directory import test_admin as directory_admin
from tests.projects.test_admin import add_form

pytestmark = pytest.mark.django_db

TYPED_TITLE = "Título que escribí a mano"


@pytest.fixture(autouse=True)
def _own_storage(settings):
    """An empty file storage for each test."""
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    }


@pytest.fixture
def project(make_project):
    """A published project with a row in every table of its change form."""
    project = make_project()
    Budget.objects.create(
        project=project,
        period_start=datetime.date(2024, 3, 1),
        period_end=datetime.date(2025, 2, 28),
        value=1000,
        currency=Currency.objects.get(code="USD"),
        value_date=datetime.date(2024, 3, 1),
    )
    Document.objects.create(
        project=project,
        title_es="Informe de avance",
        title_en="Progress report",
        category=DocumentCategory.objects.first(),
        url="https://example.org/informe.pdf",
    )
    result = Result.objects.create(
        project=project, title_es="Técnicos capacitados", title_en="Trained staff"
    )
    Indicator.objects.create(
        result=result, title_es="Técnicos", title_en="Staff", baseline_year=2024
    )
    return project


def change_form_data(response):
    """The change form's POST data as a browser sends it: a file input is sent
    empty (a browser never sends back a stored file)."""
    data = directory_admin.change_form_data(response)
    return {k: v for k, v in data.items() if not isinstance(v, File)}


def url_of(project):
    return f"/admin/projects/project/{project.pk}/change/"


def page(response):
    return html.fromstring(response.text)


def shown_value(response, name):
    """The value the page shows in the field ``name``, as a browser would send it."""
    (element,) = page(response).xpath(f'//*[@name="{name}"]')
    if element.tag == "select":
        chosen = [o.get("value") for o in element.xpath(".//option[@selected]")]
        return chosen if element.get("multiple") is not None else "".join(chosen)
    if element.tag == "textarea":  # a browser drops the newline after the tag
        return (element.text or "").removeprefix("\n")
    return element.get("value", "")


def cell(response, name):
    """The table cell (or form row) of the field ``name``."""
    (element,) = page(response).xpath(f'//*[@name="{name}"]')
    return element.xpath('ancestor::*[self::td or contains(@class, "form-row")][1]')[0]


def message_beside(response, name):
    """The error messages shown in the cell (or row) of the field ``name``."""
    errors = cell(response, name).xpath('.//ul[contains(@class, "errorlist")]//text()')
    return " ".join(errors)


# (field, bad value, the message beside it)
BAD_VALUES = {
    "percentage-0": (
        "sectors-0-percentage",
        "0",
        "El porcentaje debe ser mayor que 0 y no superior a 100.",
    ),
    "percentage-150": (
        "sectors-0-percentage",
        "150",
        "El porcentaje debe ser mayor que 0 y no superior a 100.",
    ),
    "percentage-negative": (
        "sectors-0-percentage",
        "-1",
        "El porcentaje debe ser mayor que 0 y no superior a 100.",
    ),
    "percentage-blank": ("sectors-0-percentage", "", "Este campo es obligatorio."),
    "partner-without-segib-role": (
        "participations-1-segib_role",
        "",
        "Este campo es obligatorio.",
    ),
    "partner-without-country-or-organisation": (
        "participations-1-country",
        "",
        "Elegí un país o un organismo.",
    ),
    "budget-ends-before-it-starts": (
        "budgets-0-period_end",
        "2023-12-31",
        "El período termina antes de comenzar.",
    ),
    "budget-negative": (
        "budgets-0-value",
        "-5",
        "Escribí un valor mayor o igual a 0.",
    ),
    "document-without-file-or-link": (
        "documents-0-url",
        "",
        "Subí un archivo o indicá un enlace.",
    ),
    "result-negative-position": (
        "results-0-position",
        "-3",
        "Escribí un valor mayor o igual a 0.",
    ),
    "result-position-not-a-number": (
        "results-0-position",
        "tres",
        "Escribí un número entero.",
    ),
}


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_a_bad_value_comes_back_beside_its_field_with_everything_typed(
    admin_client, project, case
):
    name, bad, message = BAD_VALUES[case]
    data = change_form_data(admin_client.get(url_of(project)))
    data["title_es"] = TYPED_TITLE
    data["summary_en"] = "A summary typed by hand."
    data[name] = bad

    response = admin_client.post(url_of(project), data)

    assert response.status_code == 200
    # The message is beside the field that holds the bad value (the document's
    # is beside its file, the field to fill in).
    beside = name.replace("-url", "-file") if case.startswith("document") else name
    assert message in message_beside(response, beside)
    assert shown_value(response, name) == bad
    assert shown_value(response, "title_es") == TYPED_TITLE
    assert shown_value(response, "summary_en") == "A summary typed by hand."
    project.refresh_from_db()
    assert project.title_es != TYPED_TITLE


def test_rows_that_do_not_add_up_say_so_at_the_top_of_their_table(
    admin_client, project
):
    data = change_form_data(admin_client.get(url_of(project)))
    data["sectors-0-percentage"] = "60"
    response = admin_client.post(url_of(project), data)
    assert response.status_code == 200
    (table,) = page(response).xpath('//*[@id="sectors-group"]')
    assert "suman 60" in " ".join(
        table.xpath('.//*[contains(@class, "errorlist")]//text()')
    )
    assert shown_value(response, "sectors-0-percentage") == "60"


def test_a_new_project_without_a_modality_is_explained_not_a_500(
    admin_client, references
):
    data = add_form(admin_client)
    data["modality"] = ""
    response = admin_client.post("/admin/projects/project/add/", data)
    assert response.status_code == 200
    assert "Este campo es obligatorio." in message_beside(response, "modality")
    assert shown_value(response, "title_es") == data["title_es"]
    assert shown_value(response, "participations-2-segib_role") == "recipient"
    assert not Project.objects.filter(slug=data["slug"]).exists()


@pytest.mark.parametrize(
    ("name", "bad", "message"),
    [
        ("baseline_year", "3000", "Escribí un valor menor o igual a 2100."),
        ("baseline_year", "-5", "Escribí un valor mayor o igual a 0."),
        ("baseline_value", "1e30", "Escribí como máximo 16 dígitos en total."),
        ("target_value", "mucho", "Escribí un número."),
    ],
)
def test_an_indicator_with_a_bad_number_comes_back_with_what_was_typed(
    admin_client, project, name, bad, message
):
    result = project.results.get()
    url = f"/admin/projects/result/{result.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["title_es"] = TYPED_TITLE
    data["indicators-0-title_es"] = "Técnicos formados"
    data[f"indicators-0-{name}"] = bad
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert message in message_beside(response, f"indicators-0-{name}")
    assert shown_value(response, f"indicators-0-{name}") == bad
    assert shown_value(response, "indicators-0-title_es") == "Técnicos formados"
    assert shown_value(response, "title_es") == TYPED_TITLE
    assert result.indicators.get().title_es == "Técnicos"


# A chosen file survives a failed save.


def with_new_document(data, **row):
    """``data`` with one more document row (the inline's "add another")."""
    index = int(data["documents-TOTAL_FORMS"])
    data["documents-TOTAL_FORMS"] = str(index + 1)
    fields = {
        "title_es": "Nota de aval",
        "title_en": "Endorsement letter",
        "category": str(DocumentCategory.objects.first().pk),
        "language": "es",
        "position": "1",
    }
    data.update({f"documents-{index}-{k}": v for k, v in (fields | row).items()})
    return data, f"documents-{index}"


def kept_token(response, prefix):
    (box,) = page(response).xpath(f'//input[@name="{prefix}-file-kept"]')
    assert box.get("checked") is not None
    return box.get("value")


def pending_files():
    return (
        default_storage.listdir("pending")[1]
        if default_storage.exists("pending")
        else []
    )


def test_a_chosen_file_is_kept_when_the_save_fails_elsewhere(
    admin_client, project, pdf_file, django_capture_on_commit_callbacks
):
    data = change_form_data(admin_client.get(url_of(project)))
    data, prefix = with_new_document(data, file=pdf_file("nota-de-aval.pdf"))
    data["budgets-0-period_end"] = "2023-12-31"  # the error elsewhere

    failed = admin_client.post(url_of(project), data)

    assert failed.status_code == 200
    assert (
        "Conservar “nota-de-aval.pdf”" in cell(failed, f"{prefix}-file").text_content()
    )
    token = kept_token(failed, prefix)
    assert len(pending_files()) == 1
    assert not project.documents.filter(title_es="Nota de aval").exists()

    # The browser sends the form back without the file (it never sends a file
    # twice), with the ticked box; the budget is fixed this time.
    del data[f"{prefix}-file"]
    data[f"{prefix}-file-kept"] = token
    data["budgets-0-period_end"] = "2025-02-28"
    data["edit_version"] = shown_value(failed, "edit_version")
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(url_of(project), data)

    assert saved.status_code == 302, saved.context["errors"]
    document = project.documents.get(title_es="Nota de aval")
    with document.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert document.file.name.startswith("documents/")
    assert pending_files() == []


def test_a_kept_file_that_is_unticked_is_dropped(admin_client, project, pdf_file):
    data = change_form_data(admin_client.get(url_of(project)))
    data, prefix = with_new_document(data, file=pdf_file())
    data["budgets-0-value"] = "-1"
    failed = admin_client.post(url_of(project), data)
    kept_token(failed, prefix)
    del data[f"{prefix}-file"]  # the box unticked: no token sent
    data["budgets-0-value"] = "10"
    data["edit_version"] = shown_value(failed, "edit_version")
    response = admin_client.post(url_of(project), data)
    assert response.status_code == 200
    assert "Subí un archivo o indicá un enlace." in message_beside(
        response, f"{prefix}-file"
    )


@pytest.mark.parametrize("case", ["forged", "file-gone", "too-old"])
def test_a_kept_file_that_is_gone_must_be_chosen_again(
    admin_client, project, pdf_file, monkeypatch, case
):
    if case == "forged":
        token = "a-token-the-portal-never-signed"
    else:
        if case == "too-old":  # signed two days ago
            two_days_ago = time.time() - 2 * 24 * 3600
            monkeypatch.setattr(signing.time, "time", lambda: two_days_ago)
        token = uploads.keep(pdf_file())
        monkeypatch.undo()
        if case == "file-gone":
            for name in pending_files():
                default_storage.delete(f"pending/{name}")
    data = change_form_data(admin_client.get(url_of(project)))
    data, prefix = with_new_document(data)
    data[f"{prefix}-file-kept"] = token
    response = admin_client.post(url_of(project), data)
    assert response.status_code == 200
    assert "elegilo de nuevo" in message_beside(response, f"{prefix}-file")
    assert shown_value(response, f"{prefix}-title_es") == "Nota de aval"
    assert not project.documents.filter(title_es="Nota de aval").exists()


def test_a_file_that_fails_its_own_check_is_not_kept(admin_client, project):
    data = change_form_data(admin_client.get(url_of(project)))
    fake = SimpleUploadedFile("informe.pdf", b"not a document", "application/pdf")
    data, prefix = with_new_document(data, file=fake)
    response = admin_client.post(url_of(project), data)
    assert response.status_code == 200
    assert "no corresponde a un documento admitido" in message_beside(
        response, f"{prefix}-file"
    )
    assert not page(response).xpath(f'//input[@name="{prefix}-file-kept"]')
    assert pending_files() == []


# Two people editing the same project.


def test_the_second_save_is_refused_with_who_when_and_a_link_to_the_history(
    admin_client, other_client, project
):
    mine = change_form_data(admin_client.get(url_of(project)))
    theirs = change_form_data(other_client.get(url_of(project)))
    theirs["summary_es"] = "Resumen de Beatriz."
    assert other_client.post(url_of(project), theirs).status_code == 302

    mine["title_es"] = TYPED_TITLE
    refused = admin_client.post(url_of(project), mine)

    assert refused.status_code == 200
    text = " ".join(page(refused).xpath('//*[contains(@class, "errorlist")]//text()'))
    assert "No se guardó nada: otra persona guardó este proyecto" in text
    assert "Beatriz Gómez" in text
    assert re.search(r"Cambió: .*resumen \[es\]", text)
    (link,) = page(refused).xpath('//ul[contains(@class, "errorlist")]//a')
    assert link.get("href") == f"/admin/projects/project/{project.pk}/history/"
    assert shown_value(refused, "title_es") == TYPED_TITLE
    project.refresh_from_db()
    assert project.summary_es == "Resumen de Beatriz."
    assert project.title_es != TYPED_TITLE

    # Having looked, saving again replaces their version with mine.
    mine["edit_version"] = shown_value(refused, "edit_version")
    assert admin_client.post(url_of(project), mine).status_code == 302
    project.refresh_from_db()
    assert project.title_es == TYPED_TITLE


def test_a_conflict_over_a_row_someone_deleted_is_explained_not_a_500(
    admin_client, other_client, project
):
    mine = change_form_data(admin_client.get(url_of(project)))
    theirs = change_form_data(other_client.get(url_of(project)))
    theirs["documents-0-DELETE"] = "on"
    assert other_client.post(url_of(project), theirs).status_code == 302
    mine["documents-0-title_es"] = "Informe corregido"
    refused = admin_client.post(url_of(project), mine)
    assert refused.status_code == 200
    assert "No se guardó nada" in refused.text
    assert not project.documents.exists()


def test_every_save_moves_the_version_up(make_project):
    project = make_project()
    first = project.version
    project.summary_es = "Otro resumen"
    project.save()
    project.publication = Project.Publication.ARCHIVED
    project.save(update_fields=["publication"])
    assert Project.objects.get(pk=project.pk).version == first + 2


def revert_form_data(response):
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        if isinstance(value, list | tuple):
            value = [str(item) for item in value]
        data[name] = "on" if value is True else value
    return data


def test_a_revert_over_a_newer_save_is_refused(admin_client, other_client, project):
    old = project.history.earliest()
    url = f"/admin/projects/project/{project.pk}/history/{old.history_id}/"
    revert = revert_form_data(admin_client.get(url))
    theirs = change_form_data(other_client.get(url_of(project)))
    theirs["summary_es"] = "Resumen de Beatriz."
    assert other_client.post(url_of(project), theirs).status_code == 302

    refused = admin_client.post(url, revert)

    assert refused.status_code == 200
    assert "No se guardó nada" in refused.text
    project.refresh_from_db()
    assert project.summary_es == "Resumen de Beatriz."


def test_a_revert_moves_the_version_forward(admin_client, project):
    old = project.history.earliest()
    project.summary_es = "Resumen nuevo"
    project.save()
    current = Project.objects.get(pk=project.pk).version
    url = f"/admin/projects/project/{project.pk}/history/{old.history_id}/"
    response = admin_client.post(url, revert_form_data(admin_client.get(url)))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.summary_es == old.summary_es
    assert project.version == current + 1
