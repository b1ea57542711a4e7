"""The publish checklist in the admin: the change form, its publish action and the
import refuse to publish what it finds incomplete, and the change page shows it.
(tests/opendata/test_checklist_matches_iati.py holds it against IATI.)"""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.models import StaffMembership, Unit
from partners.models import Country
from projects import publishing
from projects.models import (
    Project,
    Sector,
)
from tests.directory.test_admin import change_form_data
from tests.projects.test_admin import confirm, export_csv, import_csv, set_rows

pytestmark = pytest.mark.django_db

# The change form ---------------------------------------------------------------


@pytest.fixture
def editor(django_user_model, references):
    """An editor of the Directorate of Bilateral Cooperation (no coordinator)."""
    user = django_user_model.objects.create_user("eva", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="projects",
            codename__regex=r"^(view|change|add|delete)_(project|participation|"
            r"projectsector|budget|document|result)$",
        )
    )
    StaffMembership.objects.create(
        user=user, unit=Unit.objects.get(slug="bilateral-cooperation")
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# The admin speaks Spanish (the site's language): messages are compared in it.
NO_SECTOR = "Add at least one DAC sector with its percentage."
NO_PARTNER = (
    "Add at least one participating partner (a country or an organisation) with "
    "its SEGIB and IATI roles."
)


def shown(message):
    """``message`` as an admin page shows it, in the active language."""
    return escape(_(message))


def url_of(project):
    return f"/admin/projects/project/{project.pk}/change/"


def bare_draft(make_project):
    project = make_project(publication="draft", title_es="Agua para Asunción")
    project.participations.all().delete()
    project.sectors.all().delete()
    return project


def test_publishing_an_incomplete_project_is_refused_with_the_list(
    editor_client, make_project
):
    project = bare_draft(make_project)
    data = change_form_data(editor_client.get(url_of(project)))
    data.update(publication="published", title_en="Changed too")
    response = editor_client.post(url_of(project), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    errors = form.non_field_errors()
    assert errors[0] == _(
        "The project cannot be published yet. Complete what follows, or save it "
        "as a draft:"
    )
    assert errors[1] == _(NO_PARTNER)
    assert _(NO_SECTOR) in errors
    assert form.errors["publication"] == [
        _("Not ready to publish: see the list at the top of the page.")
    ]
    assert shown(NO_SECTOR) in response.text
    project.refresh_from_db()
    assert project.publication == "draft"
    assert project.title_en != "Changed too"


def rows_for(project_country_codes, sector_shares):
    countries = {
        code: str(Country.objects.get(code=code).pk)
        for code, _role in project_country_codes
    }
    participations = [
        {
            "country": countries[code],
            "segib_role": role,
            "iati_role": "1" if position == 0 else "4",
            "position": str(position),
        }
        for position, (code, role) in enumerate(project_country_codes)
    ]
    sectors = [
        {"sector": str(Sector.objects.get(code=code).pk), "percentage": share}
        for code, share in sector_shares
    ]
    return participations, sectors


def test_the_check_sees_the_inline_rows_saved_with_the_project(
    editor_client, make_project
):
    project = bare_draft(make_project)
    data = change_form_data(editor_client.get(url_of(project)))
    participations, sectors = rows_for(
        [("AR", "provider"), ("PY", "recipient")], [("31120", "100")]
    )
    set_rows(data, "participations", participations)
    set_rows(data, "sectors", sectors)
    data["publication"] = "published"
    response = editor_client.post(url_of(project), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.publication == "published"
    assert project.participations.count() == 2


def test_deleting_a_needed_row_while_published_is_refused(editor_client, make_project):
    project = make_project()  # published and complete
    data = change_form_data(editor_client.get(url_of(project)))
    data["sectors-0-DELETE"] = "on"
    response = editor_client.post(url_of(project), data)
    assert response.status_code == 200
    assert shown(NO_SECTOR) in response.text
    assert project.sectors.count() == 1
    data["publication"] = "draft"  # saved as a draft, it may lack them
    assert editor_client.post(url_of(project), data).status_code == 302
    assert project.sectors.count() == 0


NO_MAIN_SDG = (
    "Choose the main SDG among the project's SDGs: SEGIB counts each project under "
    "one goal."
)


def test_a_project_with_sdgs_is_published_with_its_main_one(
    editor_client, make_project
):
    from projects.models import SdgGoal, SdgTarget

    project = make_project()  # published, complete, without SDGs: no main needed
    goals = {number: str(SdgGoal.objects.get(number=number).pk) for number in (2, 6)}
    data = change_form_data(editor_client.get(url_of(project)))
    data["sdg_goals"] = [goals[2]]
    response = editor_client.post(url_of(project), data)
    assert response.status_code == 200
    assert _(NO_MAIN_SDG) in response.context["adminform"].form.non_field_errors()
    # A target's goal counts as one of the project's goals too.
    data["sdg_goals"] = []
    data["sdg_targets"] = [str(SdgTarget.objects.get(code="6.5").pk)]
    response = editor_client.post(url_of(project), data)
    assert response.status_code == 200
    assert _(NO_MAIN_SDG) in response.context["adminform"].form.non_field_errors()
    data["main_sdg"] = goals[6]
    assert editor_client.post(url_of(project), data).status_code == 302
    assert sorted(project.sdg_goals.values_list("number", flat=True)) == [6]
    assert publishing.is_ready(Project.objects.get(pk=project.pk))


def test_the_saved_rows_are_checked_again_and_the_save_rolled_back(
    admin_client, make_project, monkeypatch
):
    """If the form's check were ever bypassed, the check of the saved rows inside
    the change form's transaction undoes everything."""
    from projects import publishing_admin

    project = bare_draft(make_project)
    data = change_form_data(admin_client.get(url_of(project)))
    data.update(publication="published", title_en="Not saved")
    monkeypatch.setattr(publishing_admin, "submitted_rows", lambda project: None)
    response = admin_client.post(url_of(project), data, follow=True)
    assert response.redirect_chain[-1][0] == url_of(project)
    message = _("Nothing was saved: the project cannot be published yet. %(missing)s")
    assert escape(message % {"missing": _(NO_PARTNER)}) in response.text
    project.refresh_from_db()
    assert project.publication == "draft"
    assert project.title_en != "Not saved"


def test_the_change_page_shows_the_checklist(editor_client, make_project):
    project = bare_draft(make_project)
    text = editor_client.get(url_of(project)).text
    summary = ngettext(
        "Not ready to publish: %(count)d item of the list is missing.",
        "Not ready to publish: %(count)d items of the list are missing.",
        3,
    )
    assert escape(summary % {"count": 3}) in text
    missing, done = f'alt="{shown("Missing:")}"', f'alt="{shown("Done:")}"'
    assert text.count(missing) == 3  # partners, recipient, sectors
    assert text.count(done) == 6
    assert shown(NO_SECTOR) in text
    assert shown("A recipient country") in text
    text = editor_client.get(url_of(make_project())).text
    assert shown("Ready to publish: every item of the list is done.") in text
    assert missing not in text
    assert shown("The checklist appears once the project is saved.") in (
        editor_client.get("/admin/projects/project/add/").text
    )


def test_the_checklist_reads_a_fixed_number_of_queries(make_project):
    few = make_project(partners=[("AR", "provider"), ("PY", "recipient")])
    many = make_project(
        partners=[("AR", "provider"), ("undp", "recipient"), ("jica", "recipient")]
        + [(code, "recipient") for code in ("PY", "BO", "UY", "CL", "PE", "EC")]
    )
    counts = []
    for project in (few, many):
        project = Project.objects.get(pk=project.pk)
        with CaptureQueriesContext(connection) as queries:
            assert publishing.checklist(project)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8


# The publish action and the import ------------------------------------------------


def test_the_publish_action_publishes_the_ready_and_names_the_others(
    editor_client, make_project
):
    ready = make_project(publication="draft")
    lacking = bare_draft(make_project)
    # Another directorate's project the editor can see (published): left alone.
    other = make_project(
        directorate=Unit.objects.get(slug="multilateral-cooperation"),
    )
    response = editor_client.post(
        "/admin/projects/project/",
        {"action": "publish", "_selected_action": [ready.pk, lacking.pk, other.pk]},
        follow=True,
    )
    for project in (ready, lacking, other):
        project.refresh_from_db()
    assert (ready.publication, lacking.publication, other.publication) == (
        "published",
        "draft",
        "published",
    )
    text = response.text
    updated = ngettext("%(count)d project updated.", "%(count)d projects updated.", 1)
    assert escape(updated % {"count": 1}) in text
    refused = _("“%(title)s” was not published: %(missing)s") % {
        "title": "Agua para Asunción",
        "missing": _(NO_PARTNER),
    }
    assert escape(refused) in text
    assert shown(NO_SECTOR) in text
    assert "pertenece a otra dirección" in text


def test_an_import_row_that_would_publish_an_incomplete_project_is_refused(
    admin_client, make_project
):
    complete = make_project(publication="draft")
    lacking = bare_draft(make_project)
    rows = [
        r
        for r in export_csv(admin_client)
        if r["slug"] in (complete.slug, lacking.slug)
    ]
    for row in rows:
        row["publication"] = "published"
    preview = import_csv(admin_client, rows)
    result = preview.context["result"]
    assert result.has_validation_errors()
    (error,) = result.invalid_rows
    assert lacking.slug in error.values
    messages = error.field_specific_errors["publication"]
    assert messages[0] == _(
        "This row would publish the project, but it is not ready (fill these in "
        "the admin first, or import it as a draft):"
    )
    assert _(NO_SECTOR) in messages
    lacking.refresh_from_db()
    assert lacking.publication == "draft"
    # Alone, the complete project's row goes through.
    preview = import_csv(admin_client, [r for r in rows if r["slug"] == complete.slug])
    assert not preview.context["result"].has_validation_errors()
    assert confirm(admin_client, preview).status_code == 302
    complete.refresh_from_db()
    assert complete.publication == "published"


def test_a_new_project_cannot_be_imported_as_published(admin_client, make_project):
    make_project()
    row = dict(export_csv(admin_client)[0])
    row.update(slug="nuevo-importado", iati_identifier="", publication="published")
    preview = import_csv(admin_client, [row])
    assert preview.context["result"].has_validation_errors()
    assert not Project.objects.filter(slug="nuevo-importado").exists()
