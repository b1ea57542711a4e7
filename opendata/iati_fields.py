"""The IATI elements of a project's classification: target groups and the
beneficiaries counted (description of type 3), policy markers, the default flow,
finance, aid type and tied status, and the periods of its result indicators.
``iati.build_activity`` calls each where the schema puts it:

    description (1, 2, 3) … tag … policy-marker, collaboration-type,
    default-flow-type, default-finance-type, default-aid-type, default-tied-status,
    budget … result/indicator (reference, baseline, period)

``check`` holds the rule on policy markers the portal could break (6.14.1).
"""

from django.utils import timezone, translation
from django.utils.translation import gettext

from . import iati
from .formatting import LANGUAGES, decimal_text, in_languages

TARGET_GROUPS = "3"  # DescriptionType
DAC = "1"  # PolicyMarkerVocabulary and AidTypeVocabulary: OECD DAC CRS


def target_group_texts(project):
    """{language: the target groups in words, then the beneficiaries counted}:
    "Extension officers … advise.\nBeneficiaries: 46 trained technicians and
    professionals (19 women, 27 men): public extension officers; 620 families".
    Each language's narrative has its own words only; the counts are in every
    language."""
    texts = in_languages(project, "target_groups")
    groups = project.contents.beneficiaries
    for language in LANGUAGES:
        lines = [iati.clean(texts[language])]
        if groups:
            with translation.override(language):
                summaries = [
                    group.summary(getattr(group, f"description_{language}", ""))
                    for group in groups
                ]
                lines.append(
                    gettext("Beneficiaries: %(groups)s")
                    % {"groups": "; ".join(summaries)}
                )
        texts[language] = "\n".join(line for line in lines if line)
    return texts


def add_target_groups(activity, project):
    texts = target_group_texts(project)
    if any(texts.values()):
        iati.add_narratives(
            iati.sub(activity, "description", {"type": TARGET_GROUPS}), texts
        )


def add_policy_markers(activity, project):
    for marker in project.contents.policy_markers:
        iati.sub(
            activity,
            "policy-marker",
            {
                "vocabulary": DAC,
                "code": marker.code,
                "significance": marker.significance,
            },
        )


def add_defaults(activity, project):
    """default-flow-type, default-finance-type, default-aid-type and
    default-tied-status, in this order (the schema's)."""
    iati.sub(activity, "default-flow-type", {"code": project.default_flow_type})
    iati.sub(activity, "default-finance-type", {"code": project.default_finance_type})
    iati.sub(
        activity,
        "default-aid-type",
        {"code": project.default_aid_type, "vocabulary": DAC},
    )
    iati.sub(activity, "default-tied-status", {"code": project.default_tied_status})


def add_periods(measure, indicator, periods, today=None):
    """The indicator's periods with their target and actual values. The comment
    goes with the actual value, else with the target. A qualitative indicator's
    target and actual carry no value: only the comment, with the actual once the
    period has started, else with the target."""
    today = today or timezone.localdate()
    qualitative = indicator.measure == iati.QUALITATIVE
    for period in periods:
        element = iati.sub(measure, "period")
        iati.sub(element, "period-start", {"iso-date": period.period_start.isoformat()})
        iati.sub(element, "period-end", {"iso-date": period.period_end.isoformat()})
        comments = in_languages(period, "comment")
        has_comment = any(iati.clean(text) for text in comments.values())
        if qualitative:
            if has_comment:
                tag = "actual" if period.period_start <= today else "target"
                holder = iati.sub(element, tag)
                iati.add_narratives(iati.sub(holder, "comment"), comments)
            continue
        holders = [
            iati.sub(element, tag, {"value": decimal_text(value)})
            for tag, value in (
                ("target", period.target_value),
                ("actual", period.actual_value),
            )
            if value is not None
        ]
        if has_comment and holders:
            iati.add_narratives(iati.sub(holders[-1], "comment"), comments)


def check(activity):
    """Issues for policy markers of vocabulary 1 without a significance."""
    issues = []
    for marker in activity.iterfind("policy-marker"):
        if marker.get("vocabulary", DAC) in ("", DAC) and not marker.get(
            "significance"
        ):
            issues.append(
                iati.Issue(
                    "6.14.1",
                    "error",
                    "When using a policy marker code for vocabulary 1, it must "
                    f"include a significance. (code {marker.get('code')})",
                )
            )
    return issues
