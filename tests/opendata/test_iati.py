"""The IATI rules checker and the export_iati command."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone
from lxml import etree

from opendata.iati_rules import RULES, check_activity
from projects.models import Budget, Currency, Project, ProjectSector

BASE_URL = "https://cooperacion.example.gob.ar"

CLEAN = """
<iati-activity xml:lang="es" last-updated-datetime="2025-01-15T12:00:00Z">
  <iati-identifier>AR-DGCIN-000001</iati-identifier>
  <reporting-org ref="AR-DGCIN" type="10"><narrative>DGCIN</narrative></reporting-org>
  <title><narrative>Proyecto</narrative></title>
  <description type="1"><narrative>Resumen</narrative></description>
  <participating-org role="1" ref="AR-DGCIN">
    <narrative>Argentina</narrative>
  </participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2024-03-01"/>
  <activity-date type="3" iso-date="2025-02-28"/>
  <recipient-country code="PY" percentage="60"/>
  <recipient-country code="BO" percentage="40"/>
  <sector vocabulary="1" code="31120" percentage="70"/>
  <sector vocabulary="1" code="14010" percentage="30"/>
  <budget type="1" status="1">
    <period-start iso-date="2024-03-01"/>
    <period-end iso-date="2025-02-28"/>
    <value currency="USD" value-date="2024-03-01">1000</value>
  </budget>
  <result type="1">
    <title><narrative>Resultado</narrative></title>
    <indicator measure="1">
      <title><narrative>Indicador</narrative></title>
      <baseline year="2024" value="0"/>
      <period>
        <period-start iso-date="2024-03-01"/><period-end iso-date="2025-02-28"/>
        <target value="20"/><actual value="12"/>
      </period>
    </indicator>
  </result>
</iati-activity>
"""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tomorrow():
    """Tomorrow in TIME_ZONE, as of when the test runs (not the module's import)."""
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def made(value):
    """A change's value, or a function that gives it when the change is made."""
    return value() if callable(value) else value


def clean_activity():
    return etree.fromstring(CLEAN)


def rules_broken(element, severity=None):
    return {
        issue.rule
        for issue in check_activity(element)
        if severity is None or issue.severity == severity
    }


def attribute(path, name, value=None):
    """A change: set (or, with None, remove) an attribute of the first match."""

    def change(element):
        found = element.find(path) if path != "." else element
        if value is None:
            del found.attrib[name]
        else:
            found.set(name, made(value))

    return change


def drop(path):
    def change(element):
        for found in element.findall(path):
            found.getparent().remove(found)

    return change


def text(path, value):
    def change(element):
        element.find(path).text = value

    return change


def add(xml):
    def change(element):
        element.find("activity-date").addnext(etree.fromstring(made(xml)))

    return change


def both(*changes):
    def change(element):
        for one in changes:
            one(element)

    return change


def test_a_clean_activity_breaks_no_rule():
    assert check_activity(clean_activity()) == []


@pytest.mark.parametrize(
    ("rule", "change"),
    [
        ("2.1.2", attribute("sector[2]", "percentage", "20")),
        ("2.1.1", attribute("sector[2]", "percentage")),
        ("2.1.4", drop("sector[2]")),
        ("12.3.1", attribute("sector", "percentage", "170")),
        ("6.2.2", drop("sector")),
        ("3.1.2", attribute("recipient-country[2]", "percentage", "30")),
        ("3.1.1", attribute("recipient-country[2]", "percentage")),
        ("3.1.4", drop("recipient-country[2]")),
        ("3.7.1", drop("recipient-country")),
        ("11.1.2", attribute("activity-date[@type='3']", "iso-date", "2023-01-01")),
        ("6.11.1", drop("activity-date")),
        ("11.1.4", add(lambda: f'<activity-date type="2" iso-date="{tomorrow()}"/>')),
        ("11.1.5", add(lambda: f'<activity-date type="4" iso-date="{tomorrow()}"/>')),
        (
            "11.1.1",
            attribute(".", "last-updated-datetime", lambda: f"{tomorrow()}T12:00:00Z"),
        ),
        ("7.5.3", attribute("budget/period-end", "iso-date", "2025-03-02")),
        ("8.6.3", attribute("budget/period-end", "iso-date", "2024-01-01")),
        ("7.8.1", attribute("budget/value", "currency")),
        ("4.1.1", attribute(".", XML_LANG)),
        ("4.3.1", text("title/narrative", " ")),
        ("4.4.1", text("description/narrative", "")),
        ("8.8.1", attribute("result/indicator/baseline", "value")),
        ("8.9.1", attribute("result/indicator/period/target", "value")),
        ("8.10.2", attribute("result/indicator/period/actual", "value", "doce")),
        (
            "8.6.1",
            attribute("result/indicator/period/period-end", "iso-date", "2020-01-01"),
        ),
        ("1.1.3", text("iati-identifier", "AR-DGCIN")),
        ("1.1.21", text("iati-identifier", "GENERATED-0000001")),
        ("1.3.13", text("iati-identifier", "AR-DGCIN-1/2")),
        (
            "6.10.1",
            both(
                drop("participating-org/narrative"),
                attribute("participating-org", "ref"),
            ),
        ),
    ],
)
def test_the_checker_catches_each_broken_rule(rule, change):
    element = clean_activity()
    change(element)
    assert rule in rules_broken(element)


def test_a_single_sector_or_country_may_leave_out_its_percentage():
    element = clean_activity()
    both(
        drop("sector[2]"),
        drop("recipient-country[2]"),
        attribute("sector", "percentage"),
        attribute("recipient-country", "percentage"),
    )(element)
    assert check_activity(element) == []


def test_the_checker_uses_the_rulesets_ids_severities_and_messages(iati_ruleset):
    published = {}

    def collect(node):
        if isinstance(node, dict):
            info = node.get("ruleInfo")
            if info:
                published.setdefault(info["id"], set()).add(
                    (info["severity"], info["message"])
                )
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(iati_ruleset)
    for rule, (severity, message) in RULES.items():
        assert (severity, message) in published[rule], rule


def test_the_iati_examples_pass_the_checker_and_the_schema(iati_shared, iati_schema):
    for name in ("minimal_rules_clean.xml", "triangular.xml"):
        document = etree.parse(str(iati_shared / "examples" / name))
        assert iati_schema.validate(document), name
        for element in document.getroot():
            assert rules_broken(element, "error") == set(), name


# The command ---------------------------------------------------------------------


def run(tmp_path, **options):
    stderr = io.StringIO()
    output = tmp_path / "iati.xml"
    call_command(
        "export_iati", output=str(output), base_url=BASE_URL, stderr=stderr, **options
    )
    return output, stderr.getvalue()


def test_command_writes_a_valid_file_of_the_published_projects(
    tmp_path, make_project, iati_schema
):
    published = [make_project(), make_project(modality="triangular")]
    make_project(publication=Project.Publication.DRAFT)
    output, report = run(tmp_path)
    document = etree.parse(str(output))
    assert iati_schema.validate(document), iati_schema.error_log
    assert [a.findtext("iati-identifier") for a in document.getroot()] == [
        p.iati_identifier for p in published
    ]
    assert document.getroot()[0].get("linked-data-uri") == (
        f"{BASE_URL}/projects/{published[0].slug}/"
    )
    assert "2/2 projects (100%)" in report  # not a terminal: plain progress lines
    assert "2 activities: 0 errors in 0 projects, 0 warnings." in report


def test_command_reports_errors_by_project_and_keeps_the_old_file(
    tmp_path, make_project
):
    make_project()
    bad = make_project()
    ProjectSector.objects.filter(project=bad).update(percentage=90)
    Budget.objects.create(
        project=bad,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2025, 6, 30),
        value=10,
        currency=Currency.objects.get(code="USD"),
        value_date=datetime.date(2024, 1, 1),
    )
    Project.objects.filter(pk=bad.pk).update(
        actual_start=timezone.localdate() + datetime.timedelta(days=30)
    )
    (tmp_path / "iati.xml").write_text("previous file")
    with pytest.raises(CommandError, match="errors in 1 projects"):
        run(tmp_path)
    assert (tmp_path / "iati.xml").read_text() == "previous file"
    assert (tmp_path / "iati.invalid.xml").exists()


def test_command_report_names_each_project_and_rule(tmp_path, make_project, capsys):
    bad = make_project()
    ProjectSector.objects.filter(project=bad).update(percentage=90)
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "export_iati",
            output=str(tmp_path / "iati.xml"),
            base_url=BASE_URL,
            stderr=stderr,
        )
    report = stderr.getvalue()
    assert f"{bad.iati_identifier}: error 2.1.4:" in report


def test_command_needs_an_absolute_address_and_a_published_project(
    tmp_path, make_project
):
    with pytest.raises(CommandError, match="no published project"):
        call_command("export_iati", base_url=BASE_URL, stdout=io.StringIO())
    make_project()
    with pytest.raises(CommandError, match="public address"):
        call_command("export_iati", base_url="", stdout=io.StringIO())


def test_command_writes_to_standard_output_and_warns_without_schema(
    make_project, tmp_path
):
    make_project()
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(
        "export_iati",
        base_url=BASE_URL,
        schema_dir=str(tmp_path),
        stdout=stdout,
        stderr=stderr,
    )
    assert etree.fromstring(stdout.getvalue().encode()).tag == "iati-activities"
    assert "checked against the IATI rules only" in stderr.getvalue()


def test_command_draws_a_bar_on_a_terminal(make_project, tmp_path):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    for _ in range(3):
        make_project()
    stderr = Terminal()
    call_command(
        "export_iati", output=str(tmp_path / "a.xml"), base_url=BASE_URL, stderr=stderr
    )
    assert "\r[" + "#" * 30 + "] 100% 3/3 projects" in stderr.getvalue()


def test_every_code_the_export_writes_is_in_the_iati_codelists(references, iati_shared):
    import csv

    from opendata.iati import COLLABORATION_TYPES
    from partners.models import Country, IatiOrganisationType, Organisation
    from projects.models import (
        DocumentCategory,
        Indicator,
        Participation,
        Result,
        SdgGoal,
        SdgTarget,
        Sector,
        SectorCategory,
    )

    def codelist(name):
        with (iati_shared / "codelists" / f"{name}.csv").open(encoding="utf-8") as f:
            return {
                row["code"] for row in csv.DictReader(f) if row["status"] == "active"
            }

    ours = {
        "Country": set(Country.objects.values_list("code", flat=True)),
        "Sector": set(Sector.objects.values_list("code", flat=True)),
        "SectorCategory": set(SectorCategory.objects.values_list("code", flat=True)),
        "Currency": set(Currency.objects.values_list("code", flat=True)),
        "DocumentCategory": set(
            DocumentCategory.objects.values_list("code", flat=True)
        ),
        "UNSDG-Goals": {
            str(n) for n in SdgGoal.objects.values_list("number", flat=True)
        },
        "UNSDG-Targets": set(SdgTarget.objects.values_list("code", flat=True)),
        "OrganisationType": set(IatiOrganisationType.values)
        | set(Organisation.objects.values_list("iati_type", flat=True)),
        "OrganisationRole": set(Participation.IatiRole.values),
        "ActivityStatus": set(Project.Status.values),
        "CollaborationType": {"1", *COLLABORATION_TYPES.values()},
        "BudgetType": set(Budget.Type.values),
        "BudgetStatus": set(Budget.Status.values),
        "ResultType": set(Result.Type.values),
        "IndicatorMeasure": set(Indicator.Measure.values),
        "Language": {code for code, _name in settings.DOCUMENT_LANGUAGES},
    }
    for name, codes in ours.items():
        assert codes <= codelist(name), (name, codes - codelist(name))


def test_generated_projects_pass_the_schema_and_every_rule(
    references, tmp_path, iati_schema
):
    call_command("generate_projects", "60", stdout=io.StringIO())
    output, report = run(tmp_path)
    assert "60 activities: 0 errors in 0 projects, 0 warnings." in report
    assert iati_schema.validate(etree.parse(str(output)))


def test_missing_iati_files_fail_in_ci_and_are_skipped_with_a_reason_elsewhere(
    monkeypatch,
):
    from tests.opendata.conftest import missing

    monkeypatch.delenv("IATI_SCHEMA_DIR", raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must check the IATI export"):
        missing("The IATI schema", "/nowhere/iati-activities-schema.xsd")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="not checked against it here"):
        missing("The IATI schema", "/nowhere/iati-activities-schema.xsd")
    monkeypatch.setenv("IATI_SCHEMA_DIR", "/nowhere")
    with pytest.raises(pytest.fail.Exception):
        missing("The IATI schema", "/nowhere/iati-activities-schema.xsd")
