"""The rules that keep projects, programmes, their joint commissions and the calls
for proposals consistent, each with its message beside the field in Spanish and
English; the commission's minutes in the admin and on the programme's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import Unit
from partners.models import Country
from projects import publishing
from projects.models import JointCommission, Programme, Project
from tests.conftest import PDF_BYTES
from tests.projects.test_admin_keeps_work import change_form_data, message_beside

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_storage(settings):
    """An empty file storage for each test."""
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    }


def commission(code="BO", number=6, date=datetime.date(2016, 5, 12)):
    return JointCommission.objects.create(
        country=Country.objects.get(code=code),
        number=number,
        date=date,
        venue="La Paz",
        directorate=Unit.objects.get(slug="bilateral-cooperation"),
    )


def programme(approved_at, number=3, **fields):
    values = {
        "title_es": f"Programa {number} con {approved_at.country.name}",
        "slug": f"programa-{approved_at.country.code.lower()}-{number}",
        "commission": approved_at,
        "number": number,
        "period_start": approved_at.date,
        "period_end": approved_at.date + datetime.timedelta(days=730),
        "is_published": True,
    }
    return Programme.objects.create(**values | fields)


def errors_of(item, language):
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            item.full_clean()
        return {
            field: [str(message) for message in messages]
            for field, messages in refused.value.message_dict.items()
        }


# The programme's own rules


def test_an_outcome_in_any_language_needs_the_evaluations_date(references):
    item = programme(commission())
    item.midterm_outcome_en = "Two projects were rescheduled."
    assert errors_of(item, "es")["midterm_date"] == [
        "Indicá la fecha de la evaluación a la que se refiere."
    ]
    assert errors_of(item, "en")["midterm_date"] == [
        "Give the date of the evaluation it refers to."
    ]
    item.midterm_date = item.period_start + datetime.timedelta(days=365)
    item.full_clean()


def test_the_evaluation_must_fall_within_the_period(references):
    item = programme(commission())
    item.midterm_date = item.period_end + datetime.timedelta(days=1)
    assert errors_of(item, "en")["midterm_date"] == [
        "The mid-term evaluation must fall within the programme's period."
    ]
    assert errors_of(item, "es")["midterm_date"] == [
        "La evaluación de medio término tiene que caer dentro del período del programa."
    ]


def test_a_programme_number_is_unique_per_partner_country(references):
    first = programme(commission(number=5))
    first.full_clean()  # itself is no other programme
    again = Programme(
        title_es="Otro III Programa con Bolivia",
        slug="otro-iii",
        commission=commission(number=6, date=datetime.date(2018, 5, 1)),
        number=first.number,
        period_start=datetime.date(2018, 6, 1),
        period_end=datetime.date(2020, 5, 31),
    )
    assert errors_of(again, "es")["number"] == [
        "Este país socio ya tiene un programa con este número."
    ]
    assert errors_of(again, "en")["number"] == [
        "This partner country already has a programme with this number."
    ]
    again.commission = commission(code="PY", number=6)  # another country: fine
    again.full_clean()


# A project in a programme


def test_a_project_is_not_approved_before_its_programmes_commission(
    references, make_project
):
    item = programme(commission())
    project = make_project(
        programme=item, partners=[("AR", "provider"), ("BO", "recipient")]
    )
    project.approved_on = item.commission.date - datetime.timedelta(days=1)
    assert errors_of(project, "es")["approved_on"] == [
        "La fecha de aprobación es anterior a la comisión mixta que aprobó el "
        "programa (12 de mayo de 2016): un proyecto del programa se aprueba en "
        "esa reunión o después."
    ]
    assert errors_of(project, "en")["approved_on"][0].startswith(
        "The approval date is before the joint commission that approved the programme"
    )
    project.approved_on = item.commission.date
    project.full_clean()


def test_a_project_of_a_programme_counts_its_partner_country(
    references, make_project, admin_client
):
    """Without the programme's partner country among its partners a project is
    not published: the checklist says so, and the change form beside the
    programme."""
    item = programme(commission())
    project = make_project(publication=Project.Publication.DRAFT)  # with Paraguay
    project.programme = item
    project.save()
    with translation.override("es"):
        (check,) = [
            c for c in publishing.checklist(project) if c.label.startswith("En un")
        ]
    assert check.problems == [
        "El proyecto está en el programa “Programa 3 con Bolivia (Estado "
        "Plurinacional de)”, acordado con Bolivia (Estado Plurinacional de): "
        "agregá a Bolivia (Estado Plurinacional de) como socio participante o "
        "sacá el proyecto del programa."
    ]
    with translation.override("en"):
        assert "add Bolivia" in " ".join(publishing.missing_for_publication(project))
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = change_form_data(admin_client.get(url)) | {"publication": "published"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "sacá el proyecto del programa" in message_beside(response, "programme")
    project.refresh_from_db()
    assert project.publication == Project.Publication.DRAFT
    # With Bolivia as a partner it is published.
    project.participations.filter(country__code="PY").update(
        country=Country.objects.get(code="BO")
    )
    data = change_form_data(admin_client.get(url)) | {"publication": "published"}
    assert admin_client.post(url, data).status_code == 302


# The programme's page


def test_the_page_says_an_evaluation_was_not_recorded_once_the_period_ended(
    client, references
):
    today = timezone.localdate()
    ended = programme(commission(date=today - datetime.timedelta(days=900)))
    running = programme(commission(code="PY", date=today - datetime.timedelta(days=30)))
    page = client.get(running.get_absolute_url()).text
    assert "Todavía no se hizo" in page
    assert "Sin registrar" in client.get(ended.get_absolute_url()).text
    assert "Not recorded" in client.get(f"/en{ended.get_absolute_url()}").text
    assert "Sin registrar" not in page


# The commission's minutes


def test_a_chosen_minutes_file_is_kept_when_the_save_fails(admin_client, references):
    item = commission()
    url = reverse("admin:projects_jointcommission_change", args=[item.pk])
    data = change_form_data(admin_client.get(url))
    upload = SimpleUploadedFile("acta.pdf", PDF_BYTES, "application/pdf")
    response = admin_client.post(
        url, data | {"date": "no es una fecha", "minutes": upload}
    )
    assert response.status_code == 200
    assert 'name="minutes-kept"' in response.text
    data = change_form_data(response) | {"date": "2016-05-12"}
    data["minutes-kept"] = response.context["adminform"].form["minutes"].value().token
    assert admin_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.minutes.read() == PDF_BYTES


def with_minutes(public):
    item = programme(commission())
    approved_at = item.commission
    approved_at.minutes.save("acta.pdf", ContentFile(PDF_BYTES), save=False)
    approved_at.minutes_are_public = public
    approved_at.save()
    return item


def test_public_minutes_are_offered_on_the_programme_page(client, references):
    item = with_minutes(public=True)
    download = reverse("programmes:minutes-download", args=[item.slug])
    assert download in client.get(item.get_absolute_url()).text
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    # An unpublished programme's minutes are not offered, even when public.
    item.is_published = False
    item.save()
    assert client.get(download).status_code == 404


def test_minutes_not_published_are_for_staff_who_may_view_programmes(
    client, admin_client, references
):
    item = with_minutes(public=False)
    download = reverse("programmes:minutes-download", args=[item.slug])
    assert download not in client.get(item.get_absolute_url()).text
    assert client.get(download).status_code == 404
    page = admin_client.get(item.get_absolute_url()).text
    assert download in page
    assert "no publicada: solo el personal puede descargarla" in page
    assert admin_client.get(download).status_code == 200


def test_the_minutes_of_a_commission_without_them_are_not_found(
    admin_client, references
):
    item = programme(commission())
    download = reverse("programmes:minutes-download", args=[item.slug])
    assert download not in admin_client.get(item.get_absolute_url()).text
    assert admin_client.get(download).status_code == 404


def test_minutes_the_storage_has_lost_are_not_found(client, references):
    from django.core.files.storage import default_storage

    item = with_minutes(public=True)
    default_storage.delete(item.commission.minutes.name)
    download = reverse("programmes:minutes-download", args=[item.slug])
    assert client.get(download).status_code == 404
