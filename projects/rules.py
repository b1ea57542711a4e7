"""Rules that span a project and its rows, shared by the admin forms and the loaders."""

from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Participation, Project

TRIANGULAR_ROLES = {"first-provider", "second-provider", "recipient"}


def role_labels(roles):
    labels = dict(Participation.SegibRole.choices)
    return ", ".join(str(labels[role]).lower() for role in sorted(roles))


def project_errors(project):
    """{field: message} for a project's own fields, and for those that must agree
    with its programme (``Project.clean``)."""
    errors = {}
    today = timezone.localdate()
    periods = (("planned_start", "planned_end"), ("actual_start", "actual_end"))
    for start, end in periods:
        first, last = getattr(project, start), getattr(project, end)
        if first and last and first > last:
            errors[end] = _("The end date is before the start date.")
    for name in ("actual_start", "actual_end"):
        if getattr(project, name) and getattr(project, name) > today:
            errors.setdefault(
                name,
                _("An actual date cannot be in the future; use a planned date."),
            )
    approved = project.approved_on
    if approved and project.programme_id:
        commission = project.programme.commission
        if approved < commission.date:
            errors["approved_on"] = _(
                "The approval date is before the joint commission that approved "
                "the programme (%(date)s): a project of the programme is approved "
                "there or later."
            ) % {"date": date_format(commission.date)}
    return errors


def programme_country_problems(project, participations):
    """A message when ``project`` is in a programme whose partner country is not
    among its partner countries (of ``participations``, each with its country)."""
    if not project.programme_id:
        return []
    country = project.programme.commission.country
    if any(p.country_id == country.pk for p in participations):
        return []
    return [
        _(
            "The project is in the programme “%(programme)s”, agreed with "
            "%(country)s: add %(country)s as a participating partner, or take the "
            "project out of the programme."
        )
        % {"programme": project.programme.title, "country": country.name}
    ]


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


def removed_province_errors(removed, subnational_rows, locations):
    """Messages for the Argentine provinces (``removed``, their ids) taken out of
    a project's provinces while a subnational partner or a location that stays
    names them: a row's province is always one of the project's, so the catalogue's
    province filter finds what the province's page lists."""
    errors = [
        _(
            "%(province)s cannot leave the project's provinces: the subnational "
            "partner “%(row)s” names it. Remove that row too, or keep the province."
        )
        % {"province": row.province, "row": row}
        for row in subnational_rows
        if row.province_id in removed
    ]
    errors += [
        _(
            "%(province)s cannot leave the project's provinces: the location "
            "“%(row)s” is in it. Remove that row too, or keep the province."
        )
        % {"province": row.province, "row": row}
        for row in locations
        if row.province_id in removed
    ]
    return errors
