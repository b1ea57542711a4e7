"""The catalogue's projects as one JSON document in every language
(``schemas/projects.schema.json``), written one project at a time."""

import datetime
import json

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from directory.models import Unit
from partners.institutions import IMPLEMENTING, is_argentine
from partners.models import IatiOrganisationType, Subdivision
from projects import costs, publishing
from projects.models import (
    Budget,
    Indicator,
    Mission,
    Participation,
    Project,
    Result,
    Transaction,
    budget_totals,
)

from . import project_fields
from .formatting import (
    LANGUAGES,
    decimal_text,
    document_href,
    in_languages,
    iso,
    money_text,
)

# Version of the JSON structure (opendata/schemas/projects.schema.json). A new field
# is a minor change; a renamed, removed or retyped one a major change.
JSON_SCHEMA_VERSION = "1.4"


class Labels:
    """Choice labels in every language, worked out once per export."""

    def __init__(self):
        self._labels = {}
        for key, choices in {
            "modality": Project.Modality.choices,
            "instrument": Project.Instrument.choices,
            "status": Project.Status.choices,
            "segib_role": Participation.SegibRole.choices,
            "iati_role": Participation.IatiRole.choices,
            "organisation_type": IatiOrganisationType.choices,
            "budget_type": Budget.Type.choices,
            "budget_status": Budget.Status.choices,
            "result_type": Result.Type.choices,
            "measure": Indicator.Measure.choices,
            **project_fields.CHOICES,
            "transaction_type": Transaction.Type.choices,
            "subdivision_kind": Subdivision.Kind.choices,
            "mission_direction": Mission.Direction.choices,
        }.items():
            labels = self._labels[key] = {}
            for language in LANGUAGES:
                with translation.override(language):
                    for code, label in choices:
                        labels.setdefault(code, {})[language] = str(label)

    def coded(self, key, code):
        if not code:
            return None
        return {"code": code, "label": self._labels[key].get(code)}


def named(instance, code_field="code"):
    return {
        "code": getattr(instance, code_field),
        "name": in_languages(instance, "name"),
    }


def participant_record(participation, labels):
    country, organisation = participation.country, participation.organisation
    if country:
        partner = {"type": "country", **named(country), "iati_identifier": None}
    else:
        partner = {
            "type": "organisation",
            "code": organisation.slug,
            "name": in_languages(organisation, "name"),
            "acronym": in_languages(organisation, "acronym"),
            "iati_identifier": organisation.iati_identifier or None,
            "iati_type": labels.coded("organisation_type", organisation.iati_type),
            "country": organisation.country.code if organisation.country else None,
        }
    return partner | {
        "segib_role": labels.coded("segib_role", participation.segib_role),
        "iati_role": labels.coded("iati_role", participation.iati_role),
        "executing_side": executing_side(participation),
        "contribution": None
        if participation.amount is None
        else {
            "value": money_text(participation.amount),
            "currency": participation.currency.code,
        },
        "in_kind_contribution": None
        if participation.in_kind_amount is None
        else {
            "value": money_text(participation.in_kind_amount),
            "currency": participation.currency.code,
        },
    }


def executing_side(participation):
    """Which side an executing institution is on, as the project's page tells
    them (``partners.institutions``): "argentina", "partner" (an organisation of
    a partner country), or None (not executing, or an international body)."""
    organisation = participation.organisation
    if organisation is None or participation.iati_role != IMPLEMENTING:
        return None
    if is_argentine(organisation):
        return "argentina"
    return "partner" if organisation.country is not None else None


def institution_record(organisation):
    return {
        "code": organisation.slug,
        "name": in_languages(organisation, "name"),
        "acronym": in_languages(organisation, "acronym"),
        "iati_identifier": organisation.iati_identifier or None,
        "country": organisation.country.code if organisation.country else None,
    }


def mission_record(mission, project, labels, absolute_url):
    """A technical mission as the project's page shows it: its costs are not
    listed (they count in ``cost_sharing`` as Argentina's executed cost), its
    report only when staff chose to publish it."""
    report = None
    if mission.report and mission.report_is_public:
        with translation.override(settings.LANGUAGE_CODE):
            report = absolute_url(
                reverse(
                    "projects:mission-report-download", args=[project.slug, mission.pk]
                )
            )
    return {
        "direction": labels.coded("mission_direction", mission.direction),
        "country": mission.country.code,
        "planned_start": iso(mission.planned_start),
        "planned_end": iso(mission.planned_end),
        "actual_start": iso(mission.actual_start),
        "actual_end": iso(mission.actual_end),
        "experts": mission.experts,
        "institutions": [institution_record(o) for o in mission.institution_list],
        "days": mission.days,
        "expert_days": mission.expert_days,
        "place": mission.place or None,
        "purpose": in_languages(mission, "purpose"),
        "report_url": report,
    }


def partner_code(participation):
    """A partner as the participants list names it: country code or slug."""
    if participation.country:
        return participation.country.code
    return participation.organisation.slug


def money_fields(amounts, *names):
    return {name: money_text(getattr(amounts, name)) for name in names}


def money_records(project, labels):
    """Transactions, cost sharing per partner and executed totals (since 1.2)."""
    contents = project.contents
    sharing = costs.cost_sharing(
        contents.participations, contents.transactions, contents.missions
    )
    executed = ("executed_cash", "executed_in_kind")
    return {
        "transactions": [
            {
                "type": labels.coded("transaction_type", item.type),
                "date": iso(item.date),
                "value": money_text(item.value),
                "currency": item.currency.code,
                "value_date": iso(item.value_date),
                "in_kind": item.in_kind,
                "partner": partner_code(item.participation),
                "aid_type": labels.coded("aid_type", item.aid_type),
                "description": in_languages(item, "description"),
            }
            for item in contents.transactions
        ],
        "cost_sharing": [
            {
                "partner": partner_code(share.participation)
                if share.participation
                else None,
                "includes_missions": share.includes_missions,
                "currencies": [
                    {"currency": currency.code}
                    | money_fields(amounts, "budgeted_cash", "budgeted_in_kind")
                    | money_fields(amounts, *executed)
                    for currency, amounts in share.currencies
                ],
                "years": [
                    {"year": year, "currency": currency.code}
                    | money_fields(amounts, *executed)
                    for year, currency, amounts in share.years
                ],
            }
            for share in sharing
        ],
        "executed_totals": [
            {"currency": currency.code} | money_fields(amounts, *executed)
            for currency, amounts in costs.executed_by_currency(
                contents.transactions, contents.missions
            )
        ],
    }


def subnational_record(row, labels):
    """A subnational partner: an Argentine province (side "argentina") or a
    foreign subnational government (side "partner"), with its municipality."""
    if row.province is not None:
        government = named(row.province) | {"kind": None, "country": "AR"}
        side = "argentina"
    else:
        subdivision = row.subdivision
        government = {
            "code": subdivision.code or None,
            "name": in_languages(subdivision, "name"),
            "kind": labels.coded("subdivision_kind", subdivision.kind),
            "country": subdivision.country.code,
        }
        side = "partner"
    return {"side": side, **government, "municipality": row.municipality or None}


def location_record(location):
    """Where the project happens: an Argentine province or a division of a
    partner country, its country, the place and the point when known."""
    area = location.area
    return {
        "code": area.code or None,
        "name": in_languages(area, "name"),
        "country": location.country.code,
        "place": location.place or None,
        "latitude": float(location.latitude) if location.has_point else None,
        "longitude": float(location.longitude) if location.has_point else None,
        "exactness": location.iati_exactness,
        "location_class": location.iati_class,
    }


def in_every_language(produce):
    """{language: ``produce()`` with the language active}."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = produce()
    return texts


def programme_record(programme, absolute_url):
    """The published bilateral programme a project belongs to, or None."""
    if programme is None:
        return None
    commission = programme.commission
    return {
        "code": programme.slug,
        "iati_identifier": programme.iati_identifier or None,
        "title": in_languages(programme, "title"),
        "url": in_every_language(lambda: absolute_url(programme.get_absolute_url())),
        "period_start": iso(programme.period_start),
        "period_end": iso(programme.period_end),
        "commission": {
            "name": in_every_language(lambda: str(commission.name)),
            "date": iso(commission.date),
            "country": commission.country.code,
        },
    }


def project_record(project, labels, absolute_url):
    """One project as the JSON export writes it (projects.schema.json)."""
    urls = in_every_language(lambda: absolute_url(project.get_absolute_url()))
    return {
        "iati_identifier": publishing.public_identifier(project),
        "slug": project.slug,
        "sample": project.is_sample,
        "url": urls,
        "title": in_languages(project, "title"),
        "summary": in_languages(project, "summary"),
        "description": in_languages(project, "description"),
        "objectives": in_languages(project, "objectives"),
        "modality": labels.coded("modality", project.modality),
        "instrument": labels.coded("instrument", project.instrument),
        "status": labels.coded("status", project.status),
        "directorate": None
        if project.directorate is None
        else named(project.directorate, "slug"),
        "segib_sector": None
        if project.segib_sector is None
        else named(project.segib_sector, "slug")
        | {"area": named(project.segib_sector.area, "slug")},
        "fo_ar_number": project.fo_ar_number or None,
        "programme": programme_record(project.published_programme, absolute_url),
        "approved_on": iso(project.approved_on),
        "dates": {
            "planned_start": iso(project.planned_start),
            "planned_end": iso(project.planned_end),
            "actual_start": iso(project.actual_start),
            "actual_end": iso(project.actual_end),
        },
        "participants": [
            participant_record(participation, labels)
            for participation in project.contents.participations
        ],
        "sectors": [
            named(share.sector)
            | {
                "category": named(share.sector.category),
                "percentage": float(share.percentage),
            }
            for share in project.contents.sectors
        ],
        "sdg_goals": [
            {
                "number": goal.number,
                "short_name": in_languages(goal, "short_name"),
                "name": in_languages(goal, "name"),
            }
            for goal in project.contents.sdg_goals
        ],
        "sdg_targets": [named(target) for target in project.contents.sdg_targets],
        "provinces": [named(province) for province in project.contents.provinces],
        "decentralised": project.is_decentralised,
        "subnational_partners": [
            subnational_record(row, labels) for row in project.contents.subnational
        ],
        "locations": [location_record(row) for row in project.contents.locations],
        "blocs": [
            {
                "code": bloc.slug,
                "acronym": in_languages(bloc, "acronym"),
                "name": in_languages(bloc, "name"),
            }
            for bloc in project.contents.blocs
        ],
        "budgets": [
            {
                "type": labels.coded("budget_type", budget.type),
                "status": labels.coded("budget_status", budget.status),
                "period_start": iso(budget.period_start),
                "period_end": iso(budget.period_end),
                "value": money_text(budget.value),
                "currency": budget.currency.code,
                "value_date": iso(budget.value_date),
            }
            for budget in project.contents.budgets
        ],
        "budget_totals": [
            {"currency": currency.code, "value": money_text(total)}
            for currency, total in budget_totals(project.contents.budgets)
        ],
        **money_records(project, labels),
        "missions": [
            mission_record(mission, project, labels, absolute_url)
            for mission in project.contents.missions
        ],
        "documents": [
            {
                "title": in_languages(document, "title"),
                "category": named(document.category),
                "language": document.language,
                "url": absolute_url(document_href(document)),
            }
            for document in project.contents.documents
        ],
        "results": [
            {
                "type": labels.coded("result_type", result.type),
                "title": in_languages(result, "title"),
                "description": in_languages(result, "description"),
                "indicators": [
                    {
                        "title": in_languages(indicator, "title"),
                        "measure": labels.coded("measure", indicator.measure),
                        "baseline_year": indicator.baseline_year,
                        "baseline_value": decimal_text(indicator.baseline_value),
                        "target_value": decimal_text(indicator.target_value),
                        "actual_value": decimal_text(indicator.actual_value),
                        "periods": project_fields.json_periods(indicator),
                    }
                    for indicator in result.indicator_list
                ],
            }
            for result in project.contents.results
        ],
        **project_fields.json_fields(project, labels),
        "updated_at": project.updated_at.astimezone(datetime.UTC).isoformat(
            timespec="seconds"
        ),
    }


def publisher():
    head = Unit.objects.head_office()
    return {
        "name": in_languages(head, "name") if head else None,
        "acronym": (head.acronym or None) if head else None,
        "iati_identifier": settings.DGCIN_IATI_ORG_REF,
        "iati_identifier_provisional": publishing.uses_placeholder_reference(),
    }


def json_stream(chunks, absolute_url, metadata):
    """The JSON document: ``metadata``'s keys, then ``projects`` written one project
    at a time, then ``count``, known only once every project has been written."""
    labels = Labels()
    head = json.dumps(metadata, ensure_ascii=False, indent=1)
    yield head.removesuffix("\n}") + ',\n "projects": ['
    count = 0
    for chunk in chunks:
        parts = []
        for project in chunk:
            record = json.dumps(
                project_record(project, labels, absolute_url), ensure_ascii=False
            )
            parts.append(("\n  " if count == 0 else ",\n  ") + record)
            count += 1
        yield "".join(parts)
    yield f'\n ],\n "count": {count}\n}}\n'
