"""How the exports read and write a project's main SDG, IATI defaults, policy
markers, beneficiaries and target groups, and its indicators' periods: the rows
each chunk reads (``attach``), the JSON fields and the CSV columns. The IATI
elements are ``iati_fields``'s."""

from django.db.models.functions import Length
from django.utils.translation import gettext_lazy, pgettext_lazy

from projects.models import Beneficiary, IndicatorPeriod, PolicyMarker
from projects.models.iati_codes import (
    AidType,
    FinanceType,
    FlowType,
    PolicyMarkerCode,
    PolicySignificance,
    TiedStatus,
)

from .formatting import decimal_text, in_languages, iso, translated

CHOICES = {
    "flow_type": FlowType.choices,
    "finance_type": FinanceType.choices,
    "aid_type": AidType.choices,
    "tied_status": TiedStatus.choices,
    "policy_marker": PolicyMarkerCode.choices,
    "significance": PolicySignificance.choices,
    "beneficiary_kind": Beneficiary.Kind.choices,
}
DEFAULTS = {
    "flow_type": "default_flow_type",
    "finance_type": "default_finance_type",
    "aid_type": "default_aid_type",
    "tied_status": "default_tied_status",
}


def attach(by_pk, indicators):
    """Adds the rows of the projects ``by_pk`` (and the periods of ``indicators``,
    {pk: indicator}) to their ``contents``, one query per relation, and puts each
    project's main SDG first among its goals."""
    keys = list(by_pk)
    for marker in PolicyMarker.objects.filter(project_id__in=keys).order_by(
        "project_id", Length("code"), "code"
    ):
        by_pk[marker.project_id].contents.policy_markers.append(marker)
    for group in Beneficiary.objects.filter(project_id__in=keys).order_by(
        "project_id", "position", "pk"
    ):
        by_pk[group.project_id].contents.beneficiaries.append(group)
    for indicator in indicators.values():
        indicator.period_list = []
    if indicators:
        for period in IndicatorPeriod.objects.filter(
            indicator_id__in=list(indicators)
        ).order_by("indicator_id", "period_start", "pk"):
            indicators[period.indicator_id].period_list.append(period)
    for project in by_pk.values():
        project.contents.sdg_goals.sort(key=lambda goal: goal.pk != project.main_sdg_id)


def main_sdg_number(project):
    goals = project.contents.sdg_goals
    if goals and goals[0].pk == project.main_sdg_id:
        return goals[0].number
    return None


# JSON ----------------------------------------------------------------------------


def json_fields(project, labels):
    """The project's fields of this module, for its JSON record."""
    return {
        "main_sdg": main_sdg_number(project),
        "iati_defaults": {
            key: labels.coded(key, getattr(project, field))
            for key, field in DEFAULTS.items()
        },
        "policy_markers": [
            {
                "marker": labels.coded("policy_marker", marker.code),
                "significance": labels.coded("significance", marker.significance),
            }
            for marker in project.contents.policy_markers
        ],
        "target_groups": in_languages(project, "target_groups"),
        "beneficiaries": [
            {
                "kind": labels.coded("beneficiary_kind", group.kind),
                "number": group.number,
                "women": group.women,
                "men": group.men,
                "description": in_languages(group, "description"),
            }
            for group in project.contents.beneficiaries
        ],
    }


def json_periods(indicator):
    return [
        {
            "period_start": iso(period.period_start),
            "period_end": iso(period.period_end),
            "target_value": decimal_text(period.target_value),
            "actual_value": decimal_text(period.actual_value),
            "comment": in_languages(period, "comment"),
        }
        for period in getattr(indicator, "period_list", [])
    ]


# CSV -----------------------------------------------------------------------------


def csv_columns(language):
    """[(header, value of a project)] in ``language``, which must be active."""
    label = {
        key: {code: str(text) for code, text in choices}
        for key, choices in CHOICES.items()
    }

    def coded(key, field):
        return lambda p: f"{getattr(p, field)} {label[key][getattr(p, field)]}"

    def main_sdg(project):
        number = main_sdg_number(project)
        if number is None:
            return ""
        goal = project.contents.sdg_goals[0]
        return f"{number} {translated(goal, 'short_name', language)}"

    def markers(project):
        return "; ".join(
            f"{marker.code} {label['policy_marker'][marker.code]} "
            f"({marker.significance} {label['significance'][marker.significance]})"
            for marker in project.contents.policy_markers
        )

    def beneficiaries(project):
        return "; ".join(
            group.summary(translated(group, "description", language))
            for group in project.contents.beneficiaries
        )

    return [
        (gettext_lazy("Main SDG"), main_sdg),
        (gettext_lazy("Policy markers (significance)"), markers),
        (gettext_lazy("Beneficiaries"), beneficiaries),
        (
            gettext_lazy("Target groups"),
            lambda p: translated(p, "target_groups", language),
        ),
        (gettext_lazy("Flow type"), coded("flow_type", "default_flow_type")),
        (gettext_lazy("Finance type"), coded("finance_type", "default_finance_type")),
        (gettext_lazy("Aid type"), coded("aid_type", "default_aid_type")),
        (
            pgettext_lazy("IATI", "Tied status"),
            coded("tied_status", "default_tied_status"),
        ),
    ]
