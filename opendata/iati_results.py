"""A project's results in its IATI activity: each result with its indicators,
their baseline and their periods (``iati_fields.add_periods``), or the whole
project's period when an indicator has none."""

from . import iati, iati_fields
from .formatting import decimal_text, in_languages


def add_result(activity, project, result):
    indicators = list(result.indicator_list)
    if not indicators:
        return [
            iati.Issue(
                "portal",
                "warning",
                f"The result “{result.title_es}” has no indicator; IATI needs one, so "
                "the result was left out.",
            )
        ]
    notes = []
    element = iati.sub(activity, "result", {"type": result.type})
    iati.add_narratives(iati.sub(element, "title"), in_languages(result, "title"))
    description = in_languages(result, "description")
    if any(iati.clean(text) for text in description.values()):
        iati.add_narratives(iati.sub(element, "description"), description)
    start, end = project.start_date, project.end_date
    for indicator in indicators:
        measure = iati.sub(element, "indicator", {"measure": indicator.measure})
        iati.add_narratives(
            iati.sub(measure, "title"), in_languages(indicator, "title")
        )
        qualitative = indicator.measure == iati.QUALITATIVE
        if indicator.baseline_year and (
            qualitative or indicator.baseline_value is not None
        ):
            iati.sub(
                measure,
                "baseline",
                {
                    "year": str(indicator.baseline_year),
                    "value": None
                    if qualitative
                    else decimal_text(indicator.baseline_value),
                },
            )
        elif indicator.baseline_value is not None:
            notes.append(
                iati.Issue(
                    "portal",
                    "warning",
                    f"The indicator “{indicator.title_es}” has a baseline without a "
                    "year; IATI needs the year, so the baseline was left out.",
                )
            )
        if periods := getattr(indicator, "period_list", None):
            iati_fields.add_periods(measure, indicator, periods)
            continue
        values = {
            "target": indicator.target_value,
            "actual": indicator.actual_value,
        }
        if qualitative or all(value is None for value in values.values()):
            continue
        if not (start and end and start <= end):
            notes.append(
                iati.Issue(
                    "portal",
                    "warning",
                    f"The indicator “{indicator.title_es}” has a target or actual "
                    "value but the project has no start and end dates to report "
                    "them for; they were left out.",
                )
            )
            continue
        period = iati.sub(measure, "period")
        iati.sub(period, "period-start", {"iso-date": start.isoformat()})
        iati.sub(period, "period-end", {"iso-date": end.isoformat()})
        for tag, value in values.items():
            if value is not None:
                iati.sub(period, tag, {"value": decimal_text(value)})
    return notes
