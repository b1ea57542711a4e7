"""Re-keying a project's IATI identifier: the staff's admin action, what it
refuses, the project's history, and the old identifier in the IATI activity."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from lxml import etree

from directory.models import StaffMembership, Unit
from projects import rekeying
from projects.models import PreviousIdentifier, Project

from .iati_helpers import parse, publish

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/projects/project/"


def legacy(project, identifier="XM-OLD-0042"):
    """``project`` as published under an identifier from before."""
    Project.objects.filter(pk=project.pk).update(iati_identifier=identifier)
    project.refresh_from_db()
    return project


def run(client, project, confirm=True):
    data = {"action": "rekey_iati_identifier", "_selected_action": [project.pk]}
    if confirm:
        data["confirm"] = "yes"
    return client.post(CHANGELIST, data)


def editor(django_user_model, unit):
    user = django_user_model.objects.create_user(
        f"editor-{unit[:5]}", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor de proyectos"))
    StaffMembership.objects.create(user=user, unit=Unit.objects.get(slug=unit))
    return user


def test_the_confirmation_page_says_what_the_new_identifier_will_be(
    admin_client, make_project
):
    project = legacy(make_project())
    with translation.override("en"):
        response = run(admin_client, project, confirm=False)
    assert response.status_code == 200
    page = response.content.decode()
    assert "XM-OLD-0042" in page
    assert f"AR-DGCIN-{project.pk:06d}" in page
    project.refresh_from_db()
    assert project.iati_identifier == "XM-OLD-0042"  # nothing done yet


def test_confirming_rekeys_and_keeps_the_old_identifier(admin_client, make_project):
    project = legacy(make_project())
    version = project.version
    response = run(admin_client, project)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.iati_identifier == f"AR-DGCIN-{project.pk:06d}"
    assert project.version == version + 1  # a save: the history records it
    assert list(project.previous_identifiers.values_list("identifier", flat=True)) == [
        "XM-OLD-0042"
    ]


def test_the_history_says_so(admin_client, make_project):
    project = legacy(make_project())
    run(admin_client, project)
    response = admin_client.get(f"{CHANGELIST}{project.pk}/history/")
    lines = response.context["page_obj"][0].lines
    assert (
        f"Identificador IATI cambiado: XM-OLD-0042 → AR-DGCIN-{project.pk:06d}" in lines
    )


def test_the_activity_names_the_previous_identifier(
    admin_client, make_project, iati_dir, iati_schema
):
    project = legacy(make_project())
    run(admin_client, project)
    project.refresh_from_db()
    index = publish()
    document = parse(index, "activities-2024.xml")
    assert iati_schema.validate(document), iati_schema.error_log
    activity = document.find("iati-activity")
    assert activity.findtext("iati-identifier") == project.iati_identifier
    previous = activity.findall("other-identifier[@type='A3']")
    assert [element.get("ref") for element in previous] == ["XM-OLD-0042"]
    # And in the project's own file and the catalogue's download.
    own = admin_client.get(f"/projects/{project.slug}.xml")
    own_xml = etree.fromstring(b"".join(own.streaming_content))
    assert own_xml.find(".//other-identifier[@type='A3']").get("ref") == "XM-OLD-0042"


def test_a_sample_projects_previous_identifier_carries_the_example_prefix(
    admin_client, make_project, iati_dir
):
    project = legacy(make_project(is_sample=True))
    run(admin_client, project)
    activity = parse(publish(), "activities-2024.xml").find("iati-activity")
    assert activity.find("other-identifier[@type='A3']").get("ref") == (
        "XE-EXAMPLE-XM-OLD-0042"
    )


def test_an_identifier_held_by_another_is_refused(admin_client, make_project):
    project = legacy(make_project())
    new = f"AR-DGCIN-{project.pk:06d}"
    other = legacy(make_project(), "XM-OTHER-1")
    PreviousIdentifier.objects.create(project=other, identifier=new)
    page = run(admin_client, project, confirm=False).content.decode()
    assert "No se cambia" in page  # the admin speaks Spanish
    response = run(admin_client, project)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.iati_identifier == "XM-OLD-0042"
    assert not project.previous_identifiers.exists()
    with translation.override("en"):
        assert "held it before" in rekeying.plan(project).problem


def test_a_current_identifier_of_another_project_is_refused(make_project):
    project = legacy(make_project())
    legacy(make_project(), f"AR-DGCIN-{project.pk:06d}")
    assert rekeying.rekey(project) is None
    project.refresh_from_db()
    assert project.iati_identifier == "XM-OLD-0042"


def test_nothing_to_do_when_the_identifier_is_current(make_project):
    project = make_project()
    assert rekeying.plan(project).problem
    assert rekeying.rekey(project) is None
    assert not PreviousIdentifier.objects.exists()


def test_going_back_to_an_own_previous_identifier(make_project):
    project = make_project()
    current = project.iati_identifier
    PreviousIdentifier.objects.create(project=project, identifier=current)
    legacy(project, "XM-WRONG-1")
    assert rekeying.rekey(project) == current
    assert list(project.previous_identifiers.values_list("identifier", flat=True)) == [
        "XM-WRONG-1"
    ]


def test_an_editor_rekeys_only_their_directorates_projects(
    client, django_user_model, make_project
):
    client.force_login(editor(django_user_model, "bilateral-cooperation"))
    own = legacy(make_project(), "XM-OWN-1")
    other = legacy(
        make_project(directorate=Unit.objects.get(slug="multilateral-cooperation")),
        "XM-OTHER-2",
    )
    run(client, own)
    run(client, other)
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.iati_identifier == f"AR-DGCIN-{own.pk:06d}"
    assert other.iati_identifier == "XM-OTHER-2"


def test_a_previous_identifier_is_never_given_twice(make_project):
    from django.db import IntegrityError, transaction

    first, second = make_project(), make_project()
    PreviousIdentifier.objects.create(project=first, identifier="XM-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        PreviousIdentifier.objects.create(project=second, identifier="XM-1")
