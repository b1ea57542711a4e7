"""Rules that span a project and its rows, shared by the admin forms and the loaders."""

from decimal import Decimal

from django.utils.translation import gettext as _

from .models import Participation, Project

TRIANGULAR_ROLES = {"first-provider", "second-provider", "recipient"}


def role_labels(roles):
    labels = dict(Participation.SegibRole.choices)
    return ", ".join(str(labels[role]).lower() for role in sorted(roles))


def participation_errors(modality, roles, complete=True):
    """Messages for SEGIB ``roles`` that do not fit the project's ``modality``
    (none while the modality is missing or unknown: the modality field says so);
    with ``complete``, also for the roles a triangular project still lacks (a
    draft may lack them: the publish checklist asks for them)."""
    if modality not in Project.Modality.values:
        return []
    errors = []
    allowed = Participation.ROLES_BY_MODALITY.get(modality, set())
    if wrong := set(roles) - allowed:
        errors.append(
            _("A project of modality “%(modality)s” cannot have the role: %(roles)s.")
            % {
                "modality": Project.Modality(modality).label,
                "roles": role_labels(wrong),
            }
        )
    if (
        complete
        and modality == Project.Modality.TRIANGULAR
        and (missing := TRIANGULAR_ROLES - set(roles))
    ):
        errors.append(
            _(
                "A triangular project needs at least one first provider, one second "
                "provider and one recipient. Missing: %(roles)s."
            )
            % {"roles": role_labels(missing)}
        )
    return errors


def sector_percentage_error(percentages):
    """A message when the DAC sector percentages do not add up to 100."""
    percentages = [Decimal(p) for p in percentages]
    if percentages and sum(percentages) != 100:
        return _(
            "The DAC sector percentages add up to %(total)s; they must add up to 100."
        ) % {"total": f"{sum(percentages):g}"}
    return None


def subnational_errors(is_decentralised, rows):
    """Messages for a project's subnational partners ``rows`` (each with a
    ``province`` or a ``subdivision``) taken together: a decentralised project
    names both sides, any other none."""
    argentine = any(row.province_id for row in rows)
    foreign = any(row.subdivision_id for row in rows)
    if not is_decentralised:
        if rows:
            return [
                _(
                    "Only a decentralised project has subnational partners: tick "
                    "“decentralised cooperation” or remove them."
                )
            ]
        return []
    errors = []
    if not argentine:
        errors.append(
            _(
                "A decentralised project names at least one Argentine province "
                "(and, if you wish, its municipality)."
            )
        )
    if not foreign:
        errors.append(
            _(
                "A decentralised project names at least one foreign subnational "
                "government (a state, region, department or municipality of a "
                "partner country)."
            )
        )
    return errors
