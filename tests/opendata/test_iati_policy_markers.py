"""The main SDG, IATI defaults, policy markers, beneficiaries, target groups and
indicator periods in the CSV, JSON and IATI files."""

import datetime
import json

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from lxml import etree

from opendata import iati_fields
from opendata.iati import XML_LANG
from opendata.iati_rules import check_activity
from projects.models import (
    Beneficiary,
    Indicator,
    IndicatorPeriod,
    PolicyMarker,
    SdgGoal,
)
from tests.opendata.test_exports import content, csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def classified(full_project):
    """The exports' full project with a main goal (13) besides its goal 6, markers,
    beneficiaries, target groups and two periods of its indicator."""
    project = full_project
    project.main_sdg = SdgGoal.objects.get(number=13)
    project.target_groups_es = "Técnicos de los organismos del agua."
    project.target_groups_en = "Staff of the water agencies."
    project.default_flow_type = "21"
    project.save()
    project.sdg_goals.add(project.main_sdg)
    PolicyMarker.objects.create(project=project, code="7", significance="2")
    PolicyMarker.objects.create(project=project, code="1", significance="1")
    Beneficiary.objects.create(
        project=project,
        kind="trained",
        number=20,
        women=12,
        men=8,
        description_es="técnicos",
        description_en="technicians",
    )
    indicator = Indicator.objects.get(result__project=project)
    for start, end, target, actual, comment in [
        ("2024-04-01", "2024-12-31", 8, 6, "Primera cohorte"),
        ("2025-01-01", "2025-12-31", 12, 6, ""),
    ]:
        IndicatorPeriod.objects.create(
            indicator=indicator,
            period_start=datetime.date.fromisoformat(start),
            period_end=datetime.date.fromisoformat(end),
            target_value=target,
            actual_value=actual,
            comment_es=comment,
        )
    return project


def activity_of(client):
    document = etree.fromstring(content(client.get("/projects/iati.xml")))
    (activity,) = document.findall("iati-activity")
    return activity


def test_the_activity_has_its_new_elements_in_schema_order(
    client, classified, iati_schema
):
    activity = activity_of(client)
    tags = [child.tag for child in activity if isinstance(child.tag, str)]
    order = [
        "tag",
        "policy-marker",
        "collaboration-type",
        "default-flow-type",
        "default-finance-type",
        "default-aid-type",
        "default-tied-status",
        "budget",
    ]
    positions = [tags.index(tag) for tag in order]
    assert positions == sorted(positions)
    assert [
        (m.get("vocabulary"), m.get("code"), m.get("significance"))
        for m in activity.findall("policy-marker")
    ] == [("1", "1", "1"), ("1", "7", "2")]
    assert activity.find("default-flow-type").get("code") == "21"
    assert activity.find("default-finance-type").get("code") == "110"
    aid = activity.find("default-aid-type")
    assert (aid.get("code"), aid.get("vocabulary")) == ("D02", "1")
    assert activity.find("default-tied-status").get("code") == "5"
    # The main goal first, every goal still a tag of vocabulary 2.
    assert [t.get("code") for t in activity.findall("tag[@vocabulary='2']")] == [
        "13",
        "6",
    ]
    groups = activity.find("description[@type='3']")
    narratives = {n.get(XML_LANG, "es"): n.text for n in groups.findall("narrative")}
    with translation.override("es"):
        counted = gettext("Beneficiaries: %(groups)s") % {
            "groups": Beneficiary.objects.get(project=classified).summary("técnicos")
        }
    assert narratives == {
        "es": f"Técnicos de los organismos del agua.\n{counted}",
        "en": "Staff of the water agencies.\nBeneficiaries: 20 trained technicians "
        "and professionals (12 women, 8 men): technicians",
    }
    document = etree.Element("iati-activities", {"version": "2.03"})
    document.append(activity)
    assert iati_schema.validate(document), iati_schema.error_log


def test_beneficiaries_without_target_groups_still_describe_who_benefits(
    client, make_project, iati_schema
):
    project = make_project()
    for kind, number, women, men in [
        ("institutions", 1, None, None),
        ("people", 3, 1, 2),
    ]:
        Beneficiary.objects.create(
            project=project, kind=kind, number=number, women=women, men=men
        )
    activity = activity_of(client)
    (groups,) = activity.findall("description[@type='3']")
    narratives = {n.get(XML_LANG, "es"): n.text for n in groups.findall("narrative")}
    assert narratives["en"] == "Beneficiaries: 1 institution; 3 people (1 woman, 2 men)"
    assert narratives["es"]
    assert check_activity(activity) == []
    document = etree.Element("iati-activities", {"version": "2.03"})
    document.append(activity)
    assert iati_schema.validate(document), iati_schema.error_log


def test_the_indicator_reports_its_periods_instead_of_the_whole_project(
    client, classified
):
    indicator = activity_of(client).find("result/indicator")
    assert [child.tag for child in indicator][:2] == ["title", "baseline"]
    periods = indicator.findall("period")
    assert [
        (
            p.find("period-start").get("iso-date"),
            p.find("period-end").get("iso-date"),
            p.find("target").get("value"),
            p.find("actual").get("value"),
        )
        for p in periods
    ] == [
        ("2024-04-01", "2024-12-31", "8", "6"),
        ("2025-01-01", "2025-12-31", "12", "6"),
    ]
    assert periods[0].findtext("actual/comment/narrative") == "Primera cohorte"
    assert periods[1].find("actual/comment") is None


def test_the_activity_passes_every_rule(client, classified):
    assert check_activity(activity_of(client)) == []


def test_a_policy_marker_without_significance_breaks_rule_6_14_1():
    activity = etree.fromstring(
        '<iati-activity><policy-marker vocabulary="1" code="1"/></iati-activity>'
    )
    assert [issue.rule for issue in iati_fields.check(activity)] == ["6.14.1"]


def test_a_qualitative_indicator_puts_its_comment_in_the_actual_or_the_target():
    indicator = Indicator(measure=Indicator.Measure.QUALITATIVE)
    today = timezone.localdate()
    periods = [
        IndicatorPeriod(
            period_start=today - datetime.timedelta(days=30),
            period_end=today,
            comment_es="Avances visibles",
        ),
        IndicatorPeriod(
            period_start=today + datetime.timedelta(days=1),
            period_end=today + datetime.timedelta(days=90),
            comment_es="Se espera la norma aprobada",
        ),
    ]
    measure = etree.Element("indicator")
    iati_fields.add_periods(measure, indicator, periods, today=today)
    first, second = measure.findall("period")
    assert first.find("actual").get("value") is None
    assert first.findtext("actual/comment/narrative") == "Avances visibles"
    assert second.find("actual") is None
    assert second.findtext("target/comment/narrative") == "Se espera la norma aprobada"


def test_the_json_and_the_csv_carry_them(client, classified):
    from jsonschema import Draft202012Validator

    document = json.loads(content(client.get("/projects/export.json")))
    schema = json.loads(client.get("/projects/export.schema.json").content)
    Draft202012Validator(schema).validate(document)
    (record,) = document["projects"]
    assert record["main_sdg"] == 13
    assert [goal["number"] for goal in record["sdg_goals"]] == [13, 6]
    assert record["iati_defaults"]["flow_type"]["code"] == "21"
    assert record["iati_defaults"]["aid_type"]["code"] == "D02"
    assert [m["marker"]["code"] for m in record["policy_markers"]] == ["1", "7"]
    assert record["beneficiaries"] == [
        {
            "kind": record["beneficiaries"][0]["kind"],
            "number": 20,
            "women": 12,
            "men": 8,
            "description": {"es": "técnicos", "en": "technicians"},
        }
    ]
    assert record["target_groups"]["en"] == "Staff of the water agencies."
    (indicator,) = record["results"][0]["indicators"]
    assert indicator["target_value"] == "20"  # the whole project's, as before
    assert [p["target_value"] for p in indicator["periods"]] == ["8", "12"]

    header, row = csv_rows(client.get("/en/projects/export.csv"))
    values = dict(zip(header, row, strict=True))
    assert values["Main SDG"] == "13 Climate action"
    assert values["Policy markers (significance)"] == (
        "1 Gender equality (1 Significant objective); "
        "7 Climate change adaptation (2 Principal objective)"
    )
    assert values["Beneficiaries"] == (
        "20 trained technicians and professionals (12 women, 8 men): technicians"
    )
    assert values["Flow type"] == "21 Non-export credit official flows (OOF)"
    assert values["Aid type"] == "D02 Other technical assistance"
    assert header[-1] == "Notes on the data"


def test_every_choice_is_an_active_code_of_its_iati_codelist(iati_shared):
    import csv

    from projects.models import iati_codes

    def codelist(name):
        with (iati_shared / "codelists" / f"{name}.csv").open(encoding="utf-8") as f:
            return {
                row["code"] for row in csv.DictReader(f) if row["status"] == "active"
            }

    ours = {
        "FlowType": iati_codes.FlowType,
        "FinanceType": iati_codes.FinanceType,
        "AidType": iati_codes.AidType,
        "TiedStatus": iati_codes.TiedStatus,
        "PolicyMarker": iati_codes.PolicyMarkerCode,
        "PolicySignificance": iati_codes.PolicySignificance,
    }
    for name, choices in ours.items():
        assert set(choices.values) <= codelist(name), name
    # Every active flow, aid and tied status can be chosen.
    for name in ("FlowType", "AidType", "TiedStatus", "PolicyMarker"):
        assert set(ours[name].values) == codelist(name), name
    assert iati_fields.TARGET_GROUPS in codelist("DescriptionType")


def test_the_sample_projects_show_and_export_their_new_fields(
    client, references, iati_schema
):
    import io

    from django.core.management import call_command

    from projects.models import Project

    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    project = Project.objects.get(slug="extension-rural-algodon-chaco-paraguayo")
    assert project.main_sdg.number == 2
    assert project.main_sdg in project.sdg_goals.all()
    assert project.policy_markers.count() == 4
    assert project.beneficiaries.get(kind="trained").women == 19
    assert (
        IndicatorPeriod.objects.filter(indicator__result__project=project).count() == 2
    )
    # Every sample project with a goal has its main one, and passes the checklist.
    assert not Project.objects.filter(
        sdg_goals__isnull=False, main_sdg__isnull=True
    ).exists()
    from projects import publishing

    assert [
        (sample.slug, publishing.missing_for_publication(sample))
        for sample in publishing.with_rows(Project.objects.all())
        if not publishing.is_ready(sample)
    ] == []
    page = client.get(project.get_absolute_url()).text
    assert "extensionistas públicos" in page
    document = etree.fromstring(content(client.get("/projects/iati.xml")))
    assert iati_schema.validate(document), iati_schema.error_log
    for activity in document.findall("iati-activity"):
        assert [i for i in check_activity(activity) if i.severity == "error"] == []
    assert document.findall("iati-activity/policy-marker")
    # Chile and Uruguay are off the DAC list of ODA recipients: official flows
    # other than ODA (FlowType 21), as the flow type's help text prescribes.
    off_dac_list = [
        "vitivinicultura-mendoza-valparaiso",
        "pronostico-hidrologico-rio-uruguay",
    ]
    assert set(
        Project.objects.filter(slug__in=off_dac_list).values_list(
            "default_flow_type", flat=True
        )
    ) == {"21"}
    assert Project.objects.filter(default_flow_type="21").count() == 2
    ezeiza = project.locations.model.objects.get(place="Centro Atómico Ezeiza")
    assert (ezeiza.location_class, ezeiza.exactness) == ("3", "1")
    assert document.findall("iati-activity/result/indicator/period/actual/comment")
