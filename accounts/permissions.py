"""The one place that answers "may this user see or change this object".

Every admin, view, import and export asks here. It knows the rules (directorates
for projects, provinces for proposals, the permission codes that lift them) and
nothing of the apps above it: querysets come in as arguments, so ``projects`` and
``proposals`` can import this module and this module imports neither of them.
"""

from directory.models import Unit, province_of

# Permissions that lift a rule; granted through the staff roles (groups).
CHANGE_ALL_PROJECTS = "projects.change_all_projects"
VIEW_PROJECT = "projects.view_project"
CHANGE_PROJECT = "projects.change_project"
REVIEW_PROPOSALS = "proposals.review_proposal"

__all__ = [
    "directorates_of",
    "editable_projects",
    "is_coordinator",
    "is_reviewer",
    "may_change_project",
    "may_create_project_in",
    "may_delete_proposals",
    "may_preview_projects",
    "may_speak_for_province",
    "province_of",
    "visible_projects",
    "visible_proposals",
]


# Projects: staff change the projects of their own directorates; coordinators all.


def is_coordinator(user):
    """May change every directorate's projects."""
    return user.is_superuser or user.has_perm(CHANGE_ALL_PROJECTS)


def directorates_of(user):
    """The units whose projects ``user`` may change and assign: all for
    coordinators, else the units the user works in."""
    if is_coordinator(user):
        return Unit.objects.all()
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(staff__user=user)


def editable_projects(user, projects):
    """The projects of ``projects`` that ``user`` may change."""
    if is_coordinator(user):
        return projects
    if not user.is_authenticated:
        return projects.none()
    return projects.filter(directorate__staff__user=user)


def may_change_project(user, project):
    """Whether ``user`` may change ``project`` (a saved one)."""
    return editable_projects(
        user, type(project)._default_manager.filter(pk=project.pk)
    ).exists()


def may_create_project_in(user, directorate):
    """Whether ``user`` may create a project that belongs to ``directorate``."""
    if is_coordinator(user):
        return True
    return (
        directorate is not None
        and directorates_of(user).filter(pk=directorate.pk).exists()
    )


def may_preview_projects(user):
    """Staff who may view or change projects also see unpublished ones."""
    return user.has_perm(VIEW_PROJECT) or user.has_perm(CHANGE_PROJECT)


def visible_projects(user, projects):
    """The projects of ``projects`` that ``user`` may read on the public pages."""
    return projects if may_preview_projects(user) else projects.published()


# Proposals: a focal point speaks for a province; reviewers read them all.


def is_reviewer(user):
    return user.is_active and user.has_perm(REVIEW_PROPOSALS)


def may_delete_proposals(user):
    """Nobody deletes a province's proposal but a superuser (it has a history)."""
    return user.is_active and user.is_superuser


def may_speak_for_province(user, province):
    """Whether ``user`` is an active focal-point account of ``province``."""
    return province is not None and province_of(user) == province


def visible_proposals(user, proposals):
    """Reviewers see every proposal; a focal point their province's; others none."""
    if is_reviewer(user):
        return proposals
    province = province_of(user)
    if province is None:
        return proposals.none()
    return proposals.filter(province=province)
