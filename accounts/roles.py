"""The staff roles the portal ships, as groups named in Spanish.

A new staff member gets one group, never a hand-picked list of permissions. The
groups are created, and their permissions set to exactly what is listed here, by
``sync_roles`` after every ``migrate`` (``accounts.apps``): a role changes by
changing this file. A group with another name is the staff's own and is left alone.
What each role may do beyond Django's model permissions (own directorate, drafts,
submitted proposals only) is decided in ``accounts.permissions``; the table of who
may reach which admin page is ``docs/permissions.md``, asserted by
``tests/accounts/test_permission_matrix.py``.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

CRUD = ("add", "change", "delete", "view")

# Models staff edit together with a project (its inline rows and results).
PROJECT_ROWS = [
    "projects.participation",
    "projects.projectsector",
    "projects.budget",
    "projects.document",
    "projects.result",
    "projects.indicator",
    "projects.subnationalparticipation",
]
# Joint commissions and the bilateral programmes they approve.
PROGRAMMES = ["projects.jointcommission", "projects.programme"]
# The calls for proposals a directorate opens before a joint commission.
CALLS = ["proposals.call"]
# Lists a project form picks from (the admin's autocomplete needs view).
PROJECT_REFERENCES = [
    "partners.country",
    "partners.organisation",
    "partners.province",
    "partners.subdivision",
    "partners.bloc",
    "partners.region",
    "directory.unit",
    "projects.sector",
    "projects.sectorcategory",
    "projects.segibsector",
    "projects.segibarea",
    "projects.sdggoal",
    "projects.sdgtarget",
    "projects.currency",
    "projects.documentcategory",
]
REFERENCE_DATA = [
    "partners.region",
    "partners.country",
    "partners.province",
    "partners.bloc",
    "partners.blocmembership",
    "partners.organisation",
    "partners.subdivision",
    "projects.sectorcategory",
    "projects.sector",
    "projects.segibarea",
    "projects.segibsector",
    "projects.sdggoal",
    "projects.sdgtarget",
    "projects.currency",
    "projects.documentcategory",
    "directory.unit",
    "directory.phoneline",
    "directory.representation",
    "directory.focalpoint",
    "directory.institutionaltext",
]
PEOPLE = [
    "auth.user",
    "auth.group",
    "directory.staffmembership",
    "directory.focalpointaccount",
    "directory.profile",
]
# Everything "Lectura" reads: the portal's own data, not accounts or logs.
PORTAL_APPS = ("partners", "directory", "projects", "proposals")


def perms(models, actions=CRUD):
    return [f"{model}.{action}" for model in models for action in actions]


@dataclass(frozen=True)
class Role:
    name: str  # the group's name, in Spanish as staff read it
    description: str
    # "app.model.action" or "app.codename"
    permissions: list = field(default_factory=list)
    readable_apps: tuple = ()  # view permission of every model of these apps


EDITOR = Role(
    "Editor de proyectos",
    _(
        "Creates and edits the projects of their own directorate (set in Directory → "
        "Staff members), with their partners, sectors, budgets, documents and "
        "results, and its joint commissions, bilateral programmes and calls for "
        "proposals; publishes them when the publish checklist passes; imports and "
        "exports their directorate's projects. Reads other directorates' published "
        "projects."
    ),
    [
        *perms(["projects.project"], ("add", "change", "view")),
        *perms(PROGRAMMES, ("add", "change", "view")),
        *perms(CALLS, ("add", "change", "view")),
        *perms(PROJECT_ROWS),
        *perms(PROJECT_REFERENCES, ("view",)),
    ],
)
COORDINATION = Role(
    "Coordinación",
    _(
        "Everything an editor does, for every directorate: creates, edits, publishes, "
        "deletes, imports and exports every project, joint commission, programme "
        "and call for proposals, and reads every draft."
    ),
    [
        *EDITOR.permissions,
        "projects.project.delete",
        *perms(PROGRAMMES, ("delete",)),
        *perms(CALLS, ("delete",)),
        "projects.change_all_projects",
        "projects.view_all_projects",
    ],
)
REVIEWER = Role(
    "Revisor de propuestas",
    _(
        "Reads the proposals focal points have sent (never their unsent drafts), "
        "comments, asks for changes, accepts them into draft projects or rejects "
        "them; reads the calls for proposals."
    ),
    [
        "proposals.review_proposal",
        *perms(["proposals.proposal"], ("view", "change")),
        *perms(
            ["proposals.proposalattachment", "proposals.proposalevent", *CALLS],
            ("view",),
        ),
        *perms(["projects.project"], ("view",)),
    ],
)
READER = Role(
    "Lectura",
    _(
        "Reads everything in the admin (projects of every directorate, drafts "
        "included, reference data, the directory and sent proposals) and changes "
        "nothing; may export what it reads, never import."
    ),
    ["projects.view_all_projects"],
    readable_apps=PORTAL_APPS,
)
ADMINISTRATION = Role(
    "Administración",
    _(
        "Manages staff and focal-point accounts, their roles and directorates, the "
        "directory and the reference data (countries, organisations, blocs, sectors, "
        "SDGs, currencies), imports and exports them; reads projects and sent "
        "proposals but does not edit projects."
    ),
    [
        *perms(REFERENCE_DATA),
        *perms(PEOPLE),
        "auth.permission.view",
        "axes.accessattempt.view",
        "axes.accessattempt.delete",
        "axes.accesslog.view",
        "axes.accessfailurelog.view",
        "projects.view_all_projects",
    ],
    readable_apps=PORTAL_APPS,
)

ROLES = [EDITOR, COORDINATION, REVIEWER, READER, ADMINISTRATION]


def role_named(name):
    return next((role for role in ROLES if role.name == name), None)


def permission_rows(role, permissions, apps):
    """The Permission rows ``role`` names; raises LookupError on an unknown one, so a
    renamed model or permission cannot quietly drop a right."""
    wanted = set()
    for name in role.permissions:
        parts = name.split(".")
        if len(parts) == 3:
            app_label, model, action = parts
            wanted.add((app_label, f"{action}_{model}"))
        else:
            wanted.add(tuple(parts))
    for app_label in role.readable_apps:
        for model in apps.get_app_config(app_label).get_models():
            # Tables the code alone writes (projects' facet rows) have none.
            if "view" in model._meta.default_permissions:
                wanted.add((app_label, f"view_{model._meta.model_name}"))
    rows = list(
        permissions.filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={codename for _, codename in wanted},
        ).select_related("content_type")
    )
    found = {(p.content_type.app_label, p.codename): p for p in rows}
    if missing := wanted - set(found):
        raise LookupError(f"{role.name}: no such permission {sorted(missing)}")
    return [found[key] for key in sorted(wanted)]


def sync_roles(using="default"):
    """Create the shipped groups and set their permissions to what ROLES lists."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role.name)
        group.permissions.set(
            permission_rows(role, Permission.objects.using(using), apps)
        )


def sync_after_migrate(sender, app_config=None, using="default", **kwargs):
    """post_migrate handler: once the last app's permissions exist, sync the roles."""
    from django.apps import apps

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is with_models[-1]:  # post_migrate skips apps without models
        sync_roles(using)
