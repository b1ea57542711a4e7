"""accounts.permissions answers every "may this user see or change this object"
question: one table of who may do what, asserted here rule by rule."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from accounts import permissions
from directory.models import StaffMembership, Unit
from projects.models import Project
from proposals.models import Proposal


@pytest.fixture
def people(make_project, make_focal_point, make_proposal, django_user_model):
    """A project of each of two directorates, a proposal of each of two
    provinces, and one person of each kind."""
    bilateral = make_project()
    multilateral = make_project(
        directorate=Unit.objects.get(slug="multilateral-cooperation"),
        publication=Project.Publication.DRAFT,
    )
    tucuman = make_focal_point("AR-T")
    salta = make_focal_point("AR-A")
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_project", "add_project", "change_project"]
        )
    )
    StaffMembership.objects.create(user=editor, unit=bilateral.directorate)
    # Working in a directorate grants nothing without the permissions.
    reader = django_user_model.objects.create_user("lectora", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_project"))
    StaffMembership.objects.create(user=reader, unit=bilateral.directorate)
    coordinator = django_user_model.objects.create_user("coordinacion", is_staff=True)
    group = Group.objects.create(name="Coordinación (prueba)")
    group.permissions.add(Permission.objects.get(codename="change_all_projects"))
    coordinator.groups.add(group)
    reviewer = django_user_model.objects.create_user("revisora", is_staff=True)
    reviewer.user_permissions.add(Permission.objects.get(codename="review_proposal"))
    return {
        "projects": (bilateral, multilateral),
        # Tucumán's is sent; Salta's is still an unsent draft.
        "proposals": (make_proposal(tucuman, sent=True), make_proposal(salta)),
        "editor": editor,
        "reader": reader,
        "coordinator": coordinator,
        "reviewer": reviewer,
        "tucuman": tucuman,
        "superuser": django_user_model.objects.create_superuser("root"),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize(
    ("who", "may_change"),
    [
        ("editor", [True, False]),
        ("reader", [False, False]),
        ("coordinator", [True, True]),
        ("superuser", [True, True]),
        ("reviewer", [False, False]),
        ("tucuman", [False, False]),
        ("anonymous", [False, False]),
    ],
)
def test_who_may_change_which_project(people, who, may_change):
    user = people[who]
    projects = people["projects"]
    assert [permissions.may_change_project(user, p) for p in projects] == may_change
    editable = set(permissions.editable_projects(user, Project.objects.all()))
    assert editable == {p for p, ok in zip(projects, may_change, strict=True) if ok}
    assert [
        permissions.may_create_project_in(user, p.directorate) for p in projects
    ] == may_change


def test_editors_assign_only_their_units_and_coordinators_any(people):
    editor_units = permissions.directorates_of(people["editor"])
    assert list(editor_units) == [people["projects"][0].directorate]
    assert permissions.directorates_of(people["coordinator"]).count() == (
        Unit.objects.count()
    )
    assert not permissions.directorates_of(people["anonymous"]).exists()
    assert not permissions.may_create_project_in(people["editor"], None)


def test_only_staff_who_may_view_projects_see_unpublished_ones(people):
    everything = Project.objects.all()
    draft = people["projects"][1]
    assert draft in permissions.visible_projects(people["editor"], everything)
    for who in ("reviewer", "tucuman", "anonymous"):
        assert draft not in permissions.visible_projects(people[who], everything)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("reviewer", [True, False]),
        ("superuser", [True, False]),
        ("tucuman", [True, False]),
        ("editor", [False, False]),
        ("anonymous", [False, False]),
    ],
)
def test_who_sees_which_proposal(people, who, sees):
    user = people[who]
    proposals = people["proposals"]
    visible = set(permissions.visible_proposals(user, Proposal.objects.all()))
    assert [proposal in visible for proposal in proposals] == sees


def test_only_superusers_delete_proposals(people):
    assert permissions.may_delete_proposals(people["superuser"])
    for who in ("reviewer", "coordinator", "tucuman", "anonymous"):
        assert not permissions.may_delete_proposals(people[who]), who


def test_a_focal_point_speaks_only_for_their_province_while_active(people):
    tucuman, salta = (proposal.province for proposal in people["proposals"])
    user = people["tucuman"]
    assert permissions.may_speak_for_province(user, tucuman)
    assert not permissions.may_speak_for_province(user, salta)
    assert not permissions.may_speak_for_province(people["reviewer"], tucuman)
    user.is_active = False
    del user._focal_point_province  # read once per request: a new request
    assert not permissions.may_speak_for_province(user, tucuman)
    assert not permissions.is_reviewer(people["anonymous"])
