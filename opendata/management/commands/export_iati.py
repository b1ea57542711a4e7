"""Write the IATI 2.03 file of every published project, for the IATI Registry.

Each activity is checked as it is written: against the official XML schema when it
is found (``IATI_SCHEMA_DIR`` or ``--schema-dir``) and against the IATI rules the
portal's data could break (``opendata.iati_rules``). Problems are reported by project
(IATI identifier) on standard error, with a progress bar; the command fails when any
activity has an error, and then leaves an existing output file as it was. (The web
download, ``/projects/iati.xml``, leaves such activities out instead: see
``opendata.iati_file``.) The file's head says when it holds sample data or while
DGCIN's IATI organisation identifier is the placeholder. The published programmes
of the projects follow them, as parent activities (``opendata.iati_programmes``).
"""

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opendata.exports import has_samples, in_chunks
from opendata.iati import (
    Context,
    build_activity,
    load_schema,
    schema_errors,
    serialise,
)
from opendata.iati_file import DOCUMENT_END, document_start
from opendata.iati_programmes import Programmes
from opendata.iati_rules import check_activity
from projects.models import Project
from projects.publishing import public_identifier


def plain(text):
    return text


class Progress:
    """A bar redrawn in place on a terminal; a line every tenth elsewhere (logs)."""

    WIDTH = 30

    def __init__(self, stream, total):
        self.stream = stream
        self.total = total
        self.count = 0
        self.shown = -1
        self.tty = stream.isatty()
        self.began = time.monotonic()

    def write(self, text):
        self.stream.write(text, style_func=plain, ending="")

    def step(self):
        self.count += 1
        percent = self.count * 100 // self.total
        if self.tty and percent != self.shown:
            filled = self.WIDTH * self.count // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.write(f"\r[{bar}] {percent:3d}% {self.count}/{self.total} projects")
            self.shown = percent
        elif not self.tty and (percent // 10 != self.shown // 10 or self.done):
            self.write(f"{self.count}/{self.total} projects ({percent}%)\n")
            self.shown = percent

    @property
    def done(self):
        return self.count == self.total

    def finish(self):
        if self.tty:
            self.write("\n")
        seconds = time.monotonic() - self.began
        self.write(f"{self.count} activities in {seconds:.1f} s\n")


class Command(BaseCommand):
    help = (
        "Write the IATI 2.03 file of every published project, checked against the "
        "IATI schema and rules; problems are reported by project."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="File to write (default: standard output). It is replaced only "
            "when the export has no error.",
        )
        parser.add_argument(
            "--base-url",
            default=settings.DGCIN_SITE_URL,
            help="The portal's public address, for the file's links "
            "(default: DJANGO_SITE_URL).",
        )
        parser.add_argument(
            "--schema-dir",
            default=str(settings.IATI_SCHEMA_DIR),
            help="Folder of iati-activities-schema.xsd (default: IATI_SCHEMA_DIR).",
        )

    def handle(self, output, base_url, schema_dir, **options):
        if not urlsplit(base_url or "").scheme:
            raise CommandError(
                "Give the portal's public address, e.g. --base-url "
                "https://cooperacion.example.gob.ar (or set DJANGO_SITE_URL): "
                "the file's links must be absolute."
            )
        base = base_url.rstrip("/")
        projects = Project.objects.published()
        total = projects.count()
        if not total:
            raise CommandError("There is no published project to export.")
        schema = load_schema(schema_dir)
        if schema is None:
            self.stderr.write(
                f"The IATI schema is not in {schema_dir}: the activities are "
                "checked against the IATI rules only."
            )

        def absolute(location):
            return location if urlsplit(location).scheme else f"{base}{location}"

        context = Context(absolute, samples=has_samples(projects))
        progress = Progress(self.stderr, total)
        programmes = Programmes(context)
        written = total
        problems = {}
        target = Path(output) if output and output != "-" else None
        partial = target.with_name(f".{target.name}.partial") if target else None
        out = partial.open("w", encoding="utf-8") if partial else None
        write = out.write if out else (lambda text: self.stdout.write(text, ending=""))
        try:
            write(document_start(context))
            for chunk in in_chunks(projects):
                for project in chunk:
                    activity, notes = build_activity(project, context)
                    issues = notes + check_activity(activity)
                    if schema is not None:
                        issues += schema_errors(schema, activity)
                    if issues:
                        problems[project.iati_identifier] = issues
                    write(serialise(activity))
                    programmes.add(project, public_identifier(project))
                    progress.step()
            for programme, activity in programmes.activities():
                issues = check_activity(activity)
                if schema is not None:
                    issues += schema_errors(schema, activity)
                if issues:
                    problems[programme.iati_identifier] = issues
                write(serialise(activity))
                written += 1
            write(DOCUMENT_END)
        except BaseException:
            if out:
                out.close()
                partial.unlink()
            raise
        if out:
            out.close()
        progress.finish()
        self.report(problems, written, target, partial)

    def report(self, problems, total, target, partial):
        errors = warnings = 0
        for identifier, issues in problems.items():
            for issue in issues:
                is_error = issue.severity == "error"
                errors += is_error
                warnings += not is_error
                self.stderr.write(
                    f"{identifier}: {issue}",
                    style_func=self.style.ERROR if is_error else self.style.WARNING,
                )
        failing = sum(
            any(issue.severity == "error" for issue in issues)
            for issues in problems.values()
        )
        summary = (
            f"{total} activities: {errors} errors in {failing} projects, "
            f"{warnings} warnings."
        )
        if errors:
            if partial:
                rejected = target.with_suffix(f".invalid{target.suffix}")
                os.replace(partial, rejected)
                summary += f" {target} was left as it was; the file is in {rejected}."
            raise CommandError(summary)
        if partial:
            os.replace(partial, target)
            summary += f" Written to {target}."
        self.stderr.write(summary, style_func=self.style.SUCCESS)
