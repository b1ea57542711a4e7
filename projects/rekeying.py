"""Giving a published project a new IATI identifier, keeping the old one.

An IATI identifier is meant to last (``projects.identifiers``). It must change when
the organisation reference it starts with changes (DGCIN registers its identifier
and leaves the placeholder ``AR-DGCIN``) or when a project came in with a wrong one.
The staff's admin action (``admin_rekey``) then gives the project the identifier
the current reference gives its row (``activity_identifier``) and keeps the old one
as a ``PreviousIdentifier``: the IATI activity names it as an ``other-identifier``
of type A3. (The OtherIdentifierType codelist's A3 is "Previous Activity
Identifier"; B1 is "Previous Reporting Organisation Identifier", the
organisation's own former identifier, not the activity's.)

No identifier is ever held twice: the new one is refused when any other project or
programme holds it, now or before. Going back to one of the project's own earlier
identifiers is allowed (the reference went back): that one stops being "previous".
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .identifiers import activity_identifier
from .models import PreviousIdentifier, Programme, Project

# The history record of a re-key, with the identifier it replaced after it.
REKEYED = "iati-rekey:"


@dataclass(frozen=True)
class Rekey:
    """What re-keying one project would do: its identifier now, the new one, and
    why it cannot be done (empty when it can)."""

    project: Project
    old: str
    new: str
    problem: str = ""


def plan(project):
    """The ``Rekey`` of ``project``."""
    old, new = project.iati_identifier, activity_identifier(project.pk)
    if old == new:
        problem = _(
            "It already has the identifier DGCIN's organisation reference gives it."
        )
    elif collides(project, new):
        problem = _(
            "Another project or programme holds %(identifier)s, or held it before."
        ) % {"identifier": new}
    else:
        problem = ""
    return Rekey(project, old, new, problem)


def collides(project, identifier):
    """Whether ``identifier`` is, or was, another project's or a programme's."""
    return (
        Project.objects.filter(iati_identifier=identifier)
        .exclude(pk=project.pk)
        .exists()
        or Programme.objects.filter(iati_identifier=identifier).exists()
        or PreviousIdentifier.objects.filter(identifier=identifier)
        .exclude(project=project)
        .exists()
    )


def rekey(project):
    """Gives ``project`` its new identifier and keeps the old one; a save of the
    project, so its history records it. The new identifier, or None when
    ``plan`` finds a problem (checked again under a lock on the project)."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        step = plan(project)
        if step.problem:
            return None
        project.previous_identifiers.filter(identifier=step.new).delete()
        if step.old:
            PreviousIdentifier.objects.create(project=project, identifier=step.old)
        project.iati_identifier = step.new
        # What the history page reads (``history_lines.rekey_lines``): the first
        # record of a project may hold no identifier, so the change cannot be
        # told from the records' values alone.
        project._change_reason = f"{REKEYED}{step.old}"[:100]
        project.save(update_fields=["iati_identifier", "updated_at"])
    return step.new
