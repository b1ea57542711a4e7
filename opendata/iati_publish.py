"""The published IATI files: DGCIN's organisation file and its activities split
into files by year, written to ``settings.DGCIN_IATI_DIR`` with an index.

Why files on disk: the IATI Registry points at files of at most 40 MB and
fetches them again and again; building every activity on each request would cost
seconds per fetch, and a file's size, activity count and checksum (which the
index page gives) are only known once it is written. ``publish()`` writes them
all, checking each activity as the web download does (``iati_file.web_check``:
an invalid one is left out, logged and recorded for the staff), and is run by
``manage.py publish_iati`` and by the background task a change to a published
project queues (``opendata.tasks``).

- ``activities-<year>.xml``: the published projects whose start (actual, else
  planned: ``Project.start_year``) falls in that year; ``activities-undated.xml``
  those without a start date; ``activities-programmes.xml`` the programmes'
  parent activities (hierarchy 1), written after every project so that they name
  only children that went into a file. IATI identifiers are global, so a
  related-activity in one file resolves to an activity of another.
- A year whose file would pass ``settings.DGCIN_IATI_FILE_MAX_BYTES`` is split
  into parts (``activities-2020-1.xml``, ``-2``...), each under it (an activity
  larger than the limit on its own would get a part of its own, and a warning).
- ``organisation.xml``: ``iati_org``, from the budgets of the projects written.
- ``index.json``: each file's name, size, activity count, the last change of its
  activities, when its bytes last changed and its SHA-256.

Each run writes into a new folder and then replaces ``index.json`` (atomically),
which names the folder the files are served from: a request never reads a half
written set. The previous folder is kept for requests still reading it; older ones
are removed. A file whose content is the same as in the previous run (its
generated-datetime aside) is copied from it, so its checksum, ETag and
Last-Modified do not change when nothing in it did. Runs take a lock on the
folder, one after the other; ``publish(unless_started_after=...)`` skips a run
that one started since the request for it covers.
"""

import contextlib
import datetime
import fcntl
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from lxml import etree

from projects import publishing
from projects.models import Project

from .exports import References, has_samples, in_chunks
from .exports import in_languages as every_language
from .iati import DEFAULT_LANGUAGE, Context, build_activity, iso_datetime, serialise
from .iati_file import (
    DOCUMENT_END,
    document_start,
    for_staff,
    notice_comments,
    web_check,
)
from .iati_org import Budgets, build_organisation, document
from .iati_programmes import Programmes

logger = logging.getLogger(__name__)

INDEX = "index.json"
LOCK = ".lock"
ORGANISATION = "organisation.xml"
UNDATED, PROGRAMMES = "undated", "programmes"
INDEX_FORMAT = 1
GENERATED = re.compile(r' generated-datetime="[^"]*"')
END = DOCUMENT_END.encode()
ABOUT_TITLE = _("DGCIN on the cooperation portal")
IATI_PAGE_TITLE = _("DGCIN's IATI files")
FILE_TITLE = _("IATI activities: %(name)s")


def folder():
    return Path(settings.DGCIN_IATI_DIR)


def read_index(directory=None):
    """The index of the files being served, or None before the first run."""
    try:
        return json.loads(((directory or folder()) / INDEX).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def file_path(index, name, directory=None):
    return (directory or folder()) / index["build"] / name


def stem_of(group):
    return f"activities-{group}"


class Part:
    """One activity file being written: its bytes hashed as they go."""

    def __init__(self, path, head):
        self.path = path
        self.handle = path.open("wb")
        self.sha = hashlib.sha256()
        self.content = hashlib.sha256(GENERATED.sub("", head).encode())
        self.size = self.count = 0
        self.last_updated = None
        self.write(head.encode(), content=False)

    def write(self, data, content=True):
        self.handle.write(data)
        self.sha.update(data)
        if content:
            self.content.update(data)
        self.size += len(data)

    def close(self):
        self.write(END)
        self.handle.close()


class SplitWriter:
    """A group's activities, in one file, or in parts under ``max_bytes`` each."""

    def __init__(self, build, group, max_bytes, head):
        self.build, self.group, self.max_bytes, self.head = (
            build,
            group,
            max_bytes,
            head,
        )
        self.parts = []

    def add(self, text, updated):
        data = text.encode()
        part = self.parts[-1] if self.parts else None
        if part is None or (
            part.count and part.size + len(data) + len(END) > self.max_bytes
        ):
            name = f"{stem_of(self.group)}-{len(self.parts) + 1}.xml"
            part = Part(self.build / name, self.head)
            self.parts.append(part)
        part.write(data)
        part.count += 1
        part.last_updated = max(filter(None, (part.last_updated, updated)))
        if part.size + len(END) > self.max_bytes:
            logger.warning(
                "IATI files: %s passes %d bytes with one activity",
                part.path.name,
                self.max_bytes,
            )

    def finish(self):
        """The index entries of the group's files (none without activities)."""
        entries = []
        for number, part in enumerate(self.parts, start=1):
            part.close()
            name = part.path.name
            if len(self.parts) == 1:
                name = f"{stem_of(self.group)}.xml"
                part.path = part.path.replace(part.path.with_name(name))
            entries.append(
                {
                    "name": name,
                    "kind": "activities",
                    "group": self.group,
                    "part": number if len(self.parts) > 1 else None,
                    "size": part.size,
                    "activities": part.count,
                    "last_updated": iso_datetime(part.last_updated),
                    "sha256": part.sha.hexdigest(),
                    "content": part.content.hexdigest(),
                }
            )
        return entries


@contextlib.contextmanager
def locked(directory):
    """One run at a time, across processes (the web's and the task worker's)."""
    with (directory / LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(base_url=None, max_bytes=None, directory=None, unless_started_after=None):
    """Writes the files and their index; returns the index (None when skipped: a
    run started after ``unless_started_after``, a timestamp, already covers it)."""
    directory = Path(directory or folder())
    directory.mkdir(parents=True, exist_ok=True)
    with locked(directory):
        previous = read_index(directory)
        if (
            previous
            and unless_started_after is not None
            and previous["started_ts"] > unless_started_after
        ):
            return None
        started = timezone.now()
        build = directory / f"build-{started:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
        build.mkdir()
        try:
            index = Builder(
                build,
                base_url or settings.DGCIN_SITE_URL,
                max_bytes or settings.DGCIN_IATI_FILE_MAX_BYTES,
                started,
                previous,
            ).run()
            temporary = directory / f".{INDEX}.{secrets.token_hex(4)}"
            temporary.write_text(json.dumps(index, indent=1), "utf-8")
            os.replace(temporary, directory / INDEX)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        keep = {build.name, previous["build"] if previous else None}
        for old in directory.glob("build-*"):
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)
    return index


class Builder:
    """One run: the activity files by year, the programmes' file, the organisation
    file and the index."""

    def __init__(self, build, base_url, max_bytes, started, previous):
        self.build, self.max_bytes, self.started = build, max_bytes, started
        self.base = base_url.rstrip("/")
        self.previous = {
            entry["name"]: entry for entry in (previous or {}).get("files", [])
        }
        self.previous_build = previous["build"] if previous else None
        self.context = Context(self.absolute, generated=started)
        self.check = web_check()
        self.programmes = Programmes(self.context)
        self.budgets = Budgets()
        self.published = []

    def absolute(self, location):
        return location if urlsplit(location).scheme else f"{self.base}{location}"

    def head(self, samples):
        return document_start(SimpleNamespace(samples=samples, generated=self.started))

    def run(self):
        projects = Project.objects.published()
        self.references = References()  # one read for every year's projects
        years = sorted(
            set(projects.order_by().values_list("start_year", flat=True)),
            key=lambda year: (year is None, year or 0),
        )
        entries = []
        for year in years:
            group = str(year) if year is not None else UNDATED
            chosen = (
                projects.filter(start_year=year)
                if year is not None
                else projects.filter(start_year__isnull=True)
            )
            writer = SplitWriter(
                self.build, group, self.max_bytes, self.head(has_samples(chosen))
            )
            for chunk in in_chunks(chosen, references=self.references):
                self.write_chunk(chunk, writer)
            entries += writer.finish()
        writer = SplitWriter(self.build, PROGRAMMES, self.max_bytes, self.head(False))
        for programme, activity in self.programmes.activities():
            errors = self.check(activity)
            if errors:
                logger.warning(
                    "IATI files: programme %s left out, its activity is not valid: %s",
                    programme.iati_identifier,
                    "; ".join(str(error) for error in errors),
                )
                continue
            updated = datetime.datetime.fromisoformat(
                activity.get("last-updated-datetime")
            )
            writer.add(serialise(activity), updated)
        entries += writer.finish()
        entries = [self.kept(entry) for entry in entries]
        entries.insert(0, self.organisation(entries, has_samples(projects)))
        return {
            "format": INDEX_FORMAT,
            "build": self.build.name,
            "started": iso_datetime(self.started),
            "started_ts": self.started.timestamp(),
            "organisation_identifier": settings.DGCIN_IATI_ORG_REF,
            "provisional": publishing.uses_placeholder_reference(),
            "registry_publisher_id": settings.DGCIN_IATI_PUBLISHER_ID,
            "sample_data": has_samples(projects),
            "max_bytes": self.max_bytes,
            "files": entries,
            "published": sorted(self.published),
        }

    def write_chunk(self, chunk, writer):
        results = {}
        for project in chunk:
            activity, _notes = build_activity(project, self.context)
            errors = self.check(activity)
            results[project] = [for_staff(error) for error in errors]
            if errors:
                logger.warning(
                    "IATI files: %s (%s) left out, its activity is not valid: %s",
                    publishing.public_identifier(project),
                    project.slug,
                    "; ".join(str(error) for error in errors),
                )
                continue
            writer.add(serialise(activity), project.updated_at)
            self.programmes.add(project, publishing.public_identifier(project))
            self.budgets.add(project)
            self.published.append(project.pk)
        try:
            publishing.record_iati_check(results)
        except Exception:  # the staff's list, never a reason to stop
            logger.exception("IATI files: the check's results were not kept")

    def kept(self, entry):
        """``entry``, or the previous run's file when its content is the same."""
        before = self.previous.get(entry["name"])
        if before and before["content"] == entry["content"]:
            try:
                shutil.copyfile(
                    self.build.parent / self.previous_build / entry["name"],
                    self.build / entry["name"],
                )
            except FileNotFoundError:  # removed by hand: the new one stands
                pass
            else:
                return before
        return entry | {"modified": iso_datetime(self.started)}

    def organisation(self, entries, samples):
        links = [
            (self.page("about"), "text/html", every_language(ABOUT_TITLE)),
            (self.page("iati-index"), "text/html", every_language(IATI_PAGE_TITLE)),
        ]
        for entry in entries:
            url = self.absolute(reverse("iati:file", args=[entry["name"]]))
            titles = every_language(FILE_TITLE)
            links.append(
                (
                    url,
                    "application/xml",
                    {
                        language: text % {"name": entry["name"]}
                        for language, text in titles.items()
                    },
                )
            )
        element = build_organisation(self.context, self.budgets, links, self.started)
        comments = notice_comments(samples)
        content = etree.tostring(element, encoding="unicode")
        content = hashlib.sha256(
            (comments + re.sub(r' last-updated-datetime="[^"]*"', "", content)).encode()
        ).hexdigest()
        text = document(element, self.started, comments).encode()
        (self.build / ORGANISATION).write_bytes(text)
        return self.kept(
            {
                "name": ORGANISATION,
                "kind": "organisation",
                "group": None,
                "part": None,
                "size": len(text),
                "activities": 0,
                "last_updated": iso_datetime(self.started),
                "sha256": hashlib.sha256(text).hexdigest(),
                "content": content,
            }
        )

    def page(self, name):
        with translation.override(DEFAULT_LANGUAGE):
            return self.absolute(reverse(name))
