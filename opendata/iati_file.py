"""The IATI file: its head, and its activities, each checked before it goes in.

The web download (``/projects/iati.xml``) must stay valid whatever one project
holds: ``iati_stream`` checks every activity as it is built, against the IATI
activity schema when ``IATI_SCHEMA_DIR`` has it and against the error-level rules of
``iati_rules``, and leaves out an activity that fails, so the rest of the file stays
valid. Each project left out is logged (logger ``opendata.iati_file``) and recorded
for the staff (``projects.publishing.record_iati_check``: the admin's project list
names it). The publish checklist keeps such projects from being published in the
first place; this is the net for what gets past it (data changed outside the admin,
projects published before the checklist existed).

Checking costs about half of what building an activity does (bench/README.md); it
is done on every download rather than cached because a cached verdict goes stale
with every change to a project's rows, to the reference lists and to the date.

After the projects come the activities of their published programmes
(``iati_programmes``), naming only the projects that went in.

``manage.py export_iati`` writes the same head and activities but reports the
problems and fails instead of leaving projects out.
"""

import logging

from django.conf import settings
from lxml import etree

from projects import publishing

from .exports import file_notices
from .exports import in_languages as every_language
from .iati import (
    DEFAULT_LANGUAGE,
    IATI_VERSION,
    Issue,
    build_activity,
    comment,
    iso_datetime,
    load_schema,
    serialise,
)
from .iati_programmes import Programmes
from .iati_rules import check_activity

logger = logging.getLogger(__name__)

DOCUMENT_END = "</iati-activities>\n"


def notice_comments(samples):
    """A comment line for each of a file's notices (sample data, a provisional
    reporting-org identifier)."""
    return "".join(
        etree.tostring(comment(every_language(notice)), encoding="unicode") + "\n"
        for notice in file_notices(samples)
    )


def document_start(context):
    """The XML declaration, the file's notices and the root element's start tag,
    with the file's language (each activity declares it too). The comments come
    before the root, which holds activities only."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{notice_comments(context.samples)}"
        f'<iati-activities version="{IATI_VERSION}" '
        f'generated-datetime="{iso_datetime(context.generated)}" '
        f'xml:lang="{DEFAULT_LANGUAGE}">\n'
    )


class ActivityCheck:
    """The errors that would make an activity invalid: the schema's (when given)
    and those of the IATI rules with error severity."""

    def __init__(self, schema=None):
        self.schema = schema
        # One document to validate every activity in turn: no copy of each.
        self.document = etree.Element("iati-activities", {"version": IATI_VERSION})

    def __call__(self, activity):
        errors = [
            issue for issue in check_activity(activity) if issue.severity == "error"
        ]
        if self.schema is not None:
            self.document.append(activity)
            try:
                if not self.schema.validate(self.document):
                    errors += [
                        Issue("schema", "error", error.message)
                        for error in self.schema.error_log
                    ]
            finally:
                self.document.remove(activity)
        return errors


def for_staff(issue):
    """An issue as the staff's list of left-out projects shows it: IATI's message
    (IATI publishes its rules in English only) and where it comes from."""
    where = "IATI schema" if issue.rule == "schema" else f"IATI rule {issue.rule}"
    return f"{issue.message} ({where})"


def web_check():
    """The check of the web download: with the official schema when it is in
    ``IATI_SCHEMA_DIR``, else with the rules only."""
    return ActivityCheck(load_schema(settings.IATI_SCHEMA_DIR))


def iati_stream(chunks, context, check=None):
    """The IATI file, one chunk of activities at a time; with ``check``, the
    activities it finds errors in are left out, logged and recorded."""
    yield document_start(context)
    written = 0
    programmes = Programmes(context)
    for chunk in chunks:
        parts, results = [], {}
        for project in chunk:
            activity, _notes = build_activity(project, context)
            errors = check(activity) if check else []
            results[project] = [for_staff(error) for error in errors]
            if errors:
                logger.warning(
                    "IATI download: %s (%s) left out, its activity is not valid: %s",
                    publishing.public_identifier(project),
                    project.slug,
                    "; ".join(str(error) for error in errors),
                )
                continue
            parts.append(serialise(activity))
            programmes.add(project, publishing.public_identifier(project))
            written += 1
        if check:
            try:
                publishing.record_iati_check(results)
            except Exception:  # the staff's list, never a reason to cut the file
                logger.exception("IATI download: the check's results were not kept")
        yield "".join(parts)
    parts = []
    for programme, activity in programmes.activities():
        errors = check(activity) if check else []
        if errors:
            logger.warning(
                "IATI download: programme %s (%s) left out, its activity is not "
                "valid: %s",
                programme.iati_identifier,
                programme.slug,
                "; ".join(str(error) for error in errors),
            )
            continue
        parts.append(serialise(activity))
    yield "".join(parts)
    if not written:
        yield "  <!-- No activity: every matching project was left out. -->\n"
    yield DOCUMENT_END
