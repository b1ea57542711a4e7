"""The published IATI files stay valid for a generated corpus of 50 and of 2,000
projects (``manage.py generate_projects``): every activity in a file, every file
schema-valid, no activity or organisation rule broken at error level, and no
warning either (the generated data is complete)."""

import pytest
from django.core.management import call_command
from lxml import etree

from opendata.iati_org import check_organisation
from opendata.iati_rules import check_activity

from .iati_helpers import activity_files, publish, read

pytestmark = pytest.mark.django_db


def generated(count):
    call_command("generate_projects", str(count), "--seed", "16", "--no-search-index")


def check_corpus(index, count, iati_schema, iati_org_schema):
    """Asserts the files hold ``count`` valid activities; returns the rules'
    warnings by rule."""
    warnings = {}
    written = 0
    for item in activity_files(index):
        document = etree.fromstring(read(index, item["name"]))
        assert iati_schema.validate(document), (item["name"], iati_schema.error_log)
        for activity in document:
            for issue in check_activity(activity):
                assert issue.severity == "warning", (
                    activity.findtext("iati-identifier"),
                    str(issue),
                )
                warnings[issue.rule] = warnings.get(issue.rule, 0) + 1
        written += len(document)
    assert written == count
    organisation = etree.fromstring(read(index, "organisation.xml"))
    assert iati_org_schema.validate(organisation), iati_org_schema.error_log
    assert check_organisation(organisation.find("iati-organisation")) == []
    return warnings


def test_a_corpus_of_50(iati_dir, references, iati_schema, iati_org_schema):
    generated(50)
    index = publish()
    assert check_corpus(index, 50, iati_schema, iati_org_schema) == {}
    assert {item["group"] for item in activity_files(index)} <= {
        str(year) for year in range(2010, 2027)
    }


def test_a_corpus_of_2000_split_into_parts(
    iati_dir, settings, references, iati_schema, iati_org_schema
):
    """Kept in the normal suite: 2,000 activities, each checked against the schema
    and the rules as it is written, then every file again (about 20 s on SQLite,
    most of it generating the projects)."""
    generated(2000)
    settings.DGCIN_IATI_FILE_MAX_BYTES = 300_000  # every year in parts
    index = publish()
    assert check_corpus(index, 2000, iati_schema, iati_org_schema) == {}
    assert any(item["part"] for item in activity_files(index))
    assert all(item["size"] <= 300_000 for item in activity_files(index))
