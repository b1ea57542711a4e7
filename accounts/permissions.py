"""The one place that answers "may this user see or change this object".

Every admin, view, import and export asks here. It knows the rules (directorates
for projects, provinces for proposals, the permission codes that lift them) and
nothing of the apps above it: querysets come in as arguments, so ``projects`` and
``proposals`` can import this module and this module imports neither of them.
"""

from django.contrib.auth import get_permission_codename
from django.db.models import Q

from directory.models import Unit, province_of

# Permissions that lift a rule; granted through the staff roles (groups).
CHANGE_ALL_PROJECTS = "projects.change_all_projects"
VIEW_ALL_PROJECTS = "projects.view_all_projects"
VIEW_PROJECT = "projects.view_project"
CHANGE_PROJECT = "projects.change_project"
ADD_PROJECT = "projects.add_project"
REVIEW_PROPOSALS = "proposals.review_proposal"
VIEW_PROPOSAL = "proposals.view_proposal"

__all__ = [
    "admin_projects",
    "directorate_editors",
    "directorates_of",
    "editable_in_directorates",
    "editable_projects",
    "is_coordinator",
    "is_reviewer",
    "may_change_in_directorate",
    "may_change_project",
    "may_create_project_in",
    "may_delete_proposals",
    "may_export",
    "may_grant_permissions",
    "may_import",
    "may_import_projects",
    "may_manage_account",
    "may_preview_projects",
    "may_read_programme",
    "may_read_proposals",
    "may_revert_to",
    "may_see_all_projects",
    "may_speak_for_province",
    "province_of",
    "visible_programmes",
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
    """The projects of ``projects`` that ``user`` may change: a directorate's
    projects are changed by the staff who work in it *and* hold the change
    permission (a membership alone grants nothing)."""
    if is_coordinator(user):
        return projects
    if not (user.is_authenticated and user.has_perm(CHANGE_PROJECT)):
        return projects.none()
    return projects.filter(directorate__staff__user=user)


def may_change_project(user, project):
    """Whether ``user`` may change ``project`` (a saved one)."""
    return editable_projects(
        user, type(project)._default_manager.filter(pk=project.pk)
    ).exists()


def may_create_project_in(user, directorate):
    """Whether ``user`` may create a project that belongs to ``directorate`` (or
    move one into it): they work in it and hold the add permission."""
    if is_coordinator(user):
        return True
    return (
        directorate is not None
        and user.has_perm(ADD_PROJECT)
        and directorates_of(user).filter(pk=directorate.pk).exists()
    )


# Joint commissions and bilateral programmes belong to a directorate as projects
# do (``model.directorate_path`` names the field that leads to it): the same rule.


def editable_in_directorates(user, rows):
    """The rows of ``rows`` (joint commissions, programmes) that ``user`` may
    change: every one for coordinators; else those of the directorates the user
    works in, with the model's change permission."""
    if is_coordinator(user):
        return rows
    opts = rows.model._meta
    codename = get_permission_codename("change", opts)
    if not (user.is_authenticated and user.has_perm(f"{opts.app_label}.{codename}")):
        return rows.none()
    return rows.filter(**{f"{rows.model.directorate_path}__staff__user": user})


def may_change_in_directorate(user, obj):
    """Whether ``user`` may change (or delete, with that permission) ``obj``."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    return editable_in_directorates(user, rows).exists()


def directorate_editors(users, directorate):
    """The active accounts of ``users`` who may change ``directorate``'s projects
    because they work in it (coordinators are not told of every new draft)."""
    return users.with_perm(
        CHANGE_PROJECT,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    ).filter(is_active=True, unit_memberships__unit=directorate)


def may_preview_projects(user):
    """Staff who may view or change projects also see unpublished ones."""
    return user.has_perm(VIEW_PROJECT) or user.has_perm(CHANGE_PROJECT)


def visible_projects(user, projects):
    """The projects of ``projects`` that ``user`` may read on the public pages."""
    return projects if may_preview_projects(user) else projects.published()


def visible_mission_reports(user, missions):
    """The missions of ``missions`` whose report ``user`` may download: those
    staff chose to publish; staff who preview projects also get the others (the
    admin links to them). The missions' projects are checked apart
    (``visible_projects``)."""
    if may_preview_projects(user):
        return missions
    return missions.filter(report_is_public=True)


def visible_programmes(user, programmes):
    """The programmes of ``programmes`` that ``user`` may read on the public
    pages: staff who may view programmes also preview the unpublished ones."""
    if user.has_perm("projects.view_programme"):
        return programmes
    return programmes.published()


def may_read_programme(user, programme):
    """Whether ``user`` may open ``programme``'s public page."""
    return programme.is_published or user.has_perm("projects.view_programme")


def programmes_with_readable_minutes(user, programmes):
    """The programmes of ``programmes`` whose joint commission's minutes ``user``
    may download: of a programme they may read, minutes staff chose to publish;
    staff who may view programmes get them unpublished too."""
    programmes = visible_programmes(user, programmes).exclude(commission__minutes="")
    if user.has_perm("projects.view_programme"):
        return programmes
    return programmes.filter(commission__minutes_are_public=True)


def commissions_with_readable_minutes(user, commissions):
    """The joint commissions of ``commissions`` whose minutes ``user`` may
    download by the commission (the admin's link): staff who may view joint
    commissions get all; others, published minutes of a commission that approved
    a published programme."""
    commissions = commissions.exclude(minutes="")
    if user.has_perm("projects.view_jointcommission"):
        return commissions
    return commissions.filter(
        minutes_are_public=True, programmes__is_published=True
    ).distinct()


def may_read_minutes(user, programme):
    """Whether ``user`` may download the minutes of ``programme``'s commission
    (``programme`` being one they may read), as the query above answers."""
    commission = programme.commission
    return bool(commission.minutes) and (
        commission.minutes_are_public or user.has_perm("projects.view_programme")
    )


def may_see_all_projects(user):
    """Coordinators and readers see every directorate's drafts in the admin."""
    return is_coordinator(user) or user.has_perm(VIEW_ALL_PROJECTS)


def admin_projects(user, projects):
    """The projects of ``projects`` that ``user`` sees in the admin (its lists,
    pages, history and exports): every one for coordinators and readers; else
    their directorates' projects and the published ones of the others."""
    if may_see_all_projects(user):
        return projects
    if not user.is_authenticated or not user.is_staff:
        return projects.none()
    own = projects.filter(directorate__staff__user=user).values("pk")
    public = projects.published().values("pk")
    return projects.filter(Q(pk__in=own) | Q(pk__in=public))


def may_revert_to(user, project, version):
    """Whether ``user`` may save ``version`` (an old state of ``project``, from its
    history) over it: they must be allowed to change the project as it is and to
    own it as the version has it (its directorate)."""
    return may_change_project(user, project) and may_create_project_in(
        user, version.directorate
    )


# Imports and exports in the admin (django-import-export asks these through each
# admin's has_import_permission and has_export_permission).


def model_permission(user, model, action):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")


def may_import(user, model):
    """An import adds and changes rows: both permissions of the model."""
    return (
        user.is_active
        and model_permission(user, model, "add")
        and model_permission(user, model, "change")
    )


def may_export(user, model):
    """An export is a reading: the view (or change) permission of the model; the
    rows are what the user may see (``admin_projects`` for projects)."""
    return user.is_active and (
        model_permission(user, model, "view") or model_permission(user, model, "change")
    )


def may_import_projects(user, model):
    """Projects are imported by staff who may create them in some directorate;
    each row is then checked (``may_change_project``, ``may_create_project_in``)."""
    return may_import(user, model) and directorates_of(user).exists()


# Proposals: a focal point speaks for a province; reviewers read them all.


def is_reviewer(user):
    return user.is_active and user.has_perm(REVIEW_PROPOSALS)


def may_read_proposals(user):
    """Reviewers and staff with the view permission read sent proposals."""
    return user.is_active and (is_reviewer(user) or user.has_perm(VIEW_PROPOSAL))


def may_delete_proposals(user):
    """Nobody deletes a province's proposal but a superuser (it has a history)."""
    return user.is_active and user.is_superuser


def may_speak_for_province(user, province):
    """Whether ``user`` is an active focal-point account of ``province``."""
    return province is not None and province_of(user) == province


def visible_proposals(user, proposals):
    """A focal point sees their province's proposals, drafts included; reviewers
    and staff who read proposals see the sent ones (never an unsent draft, which
    is the focal point's until they send it); others none."""
    province = province_of(user)
    if province is not None:
        return proposals.filter(province=province)
    if may_read_proposals(user):
        return proposals.exclude(status=proposals.model.Status.DRAFT)
    return proposals.none()


# Accounts and roles: staff who manage accounts give people roles (groups); what a
# role may do is set in accounts/roles.py, and only superusers grant rights beyond.


def may_grant_permissions(user):
    """Who may give an account single permissions, make it a superuser, or change
    what a group of this installation may do."""
    return user.is_active and user.is_superuser


def may_manage_account(user, account):
    """Whether ``user`` may change or delete ``account``: a superuser's account is
    only a superuser's to change (else anyone managing accounts could take it)."""
    return user.is_active and (user.is_superuser or not account.is_superuser)
