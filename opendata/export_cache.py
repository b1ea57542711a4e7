"""The catalogue's downloads, kept: each file is written once per data generation
and served again from disk until any public change; a visitor's uncached
downloads are rate-limited.

A full export of 100,000 projects costs a worker 30-50 s; served from the kept
file it costs a ``sendfile``. The key of a file is everything its bytes depend
on: the download (its path, whose language prefix sets the CSV's language), its
filters and search (the query, in a canonical order, without the catalogue's
``page``), the scheme and host its links are written with, and the data
generation (``projects.facets``), which any committed public change bumps. A
request inside a transaction with uncommitted changes (a test, a management
command) is never kept.

Files are kept gzip-compressed in ``DGCIN_EXPORT_CACHE_DIR/<generation>/``: the
first download is compressed once, and the same compressed bytes go to the disk
and, when the client accepts gzip, to the client; later clients that accept gzip
get the kept bytes as they are (``Content-Encoding: gzip``), the others a
decompressed stream. A file appears under its name only once complete (written
beside it, then renamed), so a reader never sees half of one; a download the
client abandons leaves nothing. Writing a new generation removes the folders of
the older ones (a reader that has one open keeps reading it).

With several app servers the folder (``DGCIN_EXPORT_CACHE_DIR``) is one they all
mount: the task worker, whichever server it runs on, writes the large files every
server serves. The generation is in the shared cache, so none serves a file older
than the last change.

Anonymous clients may start ``DGCIN_EXPORT_RATE`` uncached downloads (default
10 a minute, per client address as ``accounts.addresses`` reads it, counted in
the shared cache with django-ratelimit); beyond that they get 429 with
``Retry-After``. Kept files and signed-in staff are never limited.

However many clients ask at once, one file is written once (``Reservation``):
the others are told, with 503 and ``Retry-After``, to come back for the kept file.
A large file (more than one chunk of projects) is written by the background task
worker (``opendata.tasks.write_export``), never by a web worker, so that downloads
do not take the workers, or the processor, from the pages: the request that finds
it missing hands its reservation to the task and answers 503 (with a task backend
that runs at once, as in development, the file is ready and served). With
``DGCIN_EXPORT_IN_WORKER`` off, web workers write large files too, at most
``DGCIN_EXPORT_BUILDS`` at once across the site.
"""

import gzip
import hashlib
import io
import os
import shutil
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http import FileResponse, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from django_ratelimit.core import get_usage

from accounts.addresses import client_ip
from projects import facets

# Parameters that do not change a download's bytes.
IGNORED = ("page",)
CHUNK = 64 * 1024
# How long a reservation holds if its request dies without releasing it (a
# killed worker): longer than the longest download.
RESERVED_FOR = 15 * 60
# What a client asked to come back is told to wait, in seconds.
COME_BACK = 10


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


class KeptExport:
    """The kept file of one download, for ``request``'s path, query and host."""

    def __init__(self, request):
        self.request = request
        self.generation = str(facets.generation())
        self.keepable = not facets.uncommitted()
        query = sorted(
            (name, value)
            for name, values in request.GET.lists()
            if name not in IGNORED
            for value in values
        )
        key = repr(
            (request.scheme, request.get_host(), request.path_info, query)
        ).encode()
        self.name = hashlib.sha256(key).hexdigest()
        self.folder = Path(settings.DGCIN_EXPORT_CACHE_DIR) / self.generation
        self.path = self.folder / f"{self.name}.gz"

    def response(self, stream, content_type, reservation=None):
        """The download: from the kept file when there is one, else ``stream()``'s
        chunks, kept on the way. ``stream`` is only called on a miss; the
        ``reservation`` is released when the download ends, however it ends."""
        if self.keepable:
            try:
                kept = self.path.open("rb")
            except FileNotFoundError:
                pass
            else:
                if reservation:
                    reservation.release()
                return self.serve(kept, content_type)
        return self.write(stream(), content_type, reservation)

    def reserve(self):
        """A ``Reservation`` to write this file, or None while another request
        writes it."""
        reservation = Reservation()
        if not self.keepable or reservation.take(
            f"exports:writing:{self.generation}:{self.name}"
        ):
            return reservation
        return None

    def is_kept(self):
        return self.keepable and self.path.is_file()

    def serve(self, kept, content_type):
        if accepts_gzip(self.request):
            response = FileResponse(kept, content_type=content_type)
            response["Content-Encoding"] = "gzip"
        else:
            response = StreamingHttpResponse(
                decompressed(kept), content_type=content_type
            )
        patch_vary_headers(response, ["Accept-Encoding"])
        response["X-Export-Cache"] = "hit"
        return response

    def write(self, chunks, content_type, reservation=None):
        gzipped = accepts_gzip(self.request)
        response = StreamingHttpResponse(
            Releasing(self.compressing(chunks, gzipped), reservation),
            content_type=content_type,
        )
        if gzipped:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ["Accept-Encoding"])
        response["X-Export-Cache"] = "miss"
        return response

    def compressing(self, chunks, gzipped):
        """Yields the download (compressed if ``gzipped``) while writing it
        compressed beside its final name; renamed there once complete."""
        compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip member
        temporary = self.open_temporary()
        complete = False

        def keep(packed):
            nonlocal temporary
            try:
                temporary.write(packed)
            except OSError:  # a full disk: the download goes on, unkept
                self.close_temporary(temporary, complete=False)
                temporary = None

        try:
            for chunk in chunks:
                data = chunk if isinstance(chunk, bytes) else chunk.encode()
                packed = compressor.compress(data)
                if temporary and packed:
                    keep(packed)
                if not gzipped:
                    yield data
                elif packed:
                    yield packed
            packed = compressor.flush()
            if temporary:
                keep(packed)
            if gzipped:
                yield packed
            complete = True
        finally:
            if temporary:
                self.close_temporary(temporary, complete)

    def open_temporary(self):
        """A file to write the download to, or None when it is not to be kept
        (uncommitted changes; a disk that refuses)."""
        if not self.keepable:
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(
                dir=self.folder, prefix=f".{self.name}.", suffix=".part"
            )
        except OSError:
            return None
        temporary = os.fdopen(descriptor, "wb")
        temporary.path = Path(name)  # ``name`` of an fdopen file is the descriptor
        return temporary

    def close_temporary(self, temporary, complete):
        temporary.close()
        if complete and facets.generation() == int(self.generation):
            try:
                os.replace(temporary.path, self.path)
            except OSError:  # an older generation's folder, removed meanwhile
                pass
            else:
                remove_older_generations(self.folder)
                return
        temporary.path.unlink(missing_ok=True)


class Reservation:
    """Keys taken in the shared cache (``cache.add``: one taker at a time), given
    back by ``release()``, or by their timeout if the request dies."""

    def __init__(self, keys=()):
        self.keys = list(keys)  # keys taken by another process may be handed over

    def take(self, key):
        if cache.add(key, 1, timeout=RESERVED_FOR):
            self.keys.append(key)
            return True
        return False

    def take_any(self, prefix, count):
        """One of ``count`` slots named ``prefix``, or False when all are taken."""
        return any(self.take(f"{prefix}:{slot}") for slot in range(count))

    def release(self):
        if self.keys:
            cache.delete_many(self.keys)
            self.keys = []


class Releasing:
    """A download's chunks that release its reservation when the response is
    closed: Django closes it after the last chunk, and also when the client left
    before the first one (a generator's own ``finally`` would not run then)."""

    def __init__(self, chunks, reservation):
        self.chunks = chunks
        self.reservation = reservation

    def __iter__(self):
        return iter(self.chunks)

    def close(self):
        try:
            self.chunks.close()
        finally:
            if self.reservation:
                self.reservation.release()


def background_request(path, query, scheme, host, script_name=""):
    """The request a task worker answers to write a kept file: the visitor's path,
    query, scheme and host (the file's key and the links it writes), anonymous,
    gzip accepted (the kept bytes are compressed anyway)."""
    server, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": script_name,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "HTTP_HOST": host,
            "HTTP_ACCEPT_ENCODING": "gzip",
            "SERVER_NAME": server or host,
            "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
            "wsgi.url_scheme": scheme,
            "wsgi.input": io.BytesIO(),
        }
    )
    request.user = AnonymousUser()
    return request


def close_quietly(response):
    """Closes ``response`` (its file, its reservation) as a server does, but
    without the ``request_finished`` signal: where no request ends (a task, a
    test), that signal's ``close_old_connections`` would close the database
    connection under the caller's transaction. Django's test client does the
    same."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def decompressed(kept):
    try:
        with gzip.GzipFile(fileobj=kept) as reader:
            while chunk := reader.read(CHUNK):
                yield chunk
    finally:
        kept.close()


def remove_older_generations(current):
    """Remove every generation's folder but ``current``."""
    for folder in current.parent.iterdir():
        if folder != current and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def client_key(group, request):
    return client_ip(request) or "unknown"


def rate_limited(request):
    """Seconds until an anonymous client may start another uncached download
    (counting this one), or 0 when it may now."""
    if request.user.is_authenticated:
        return 0
    usage = get_usage(
        request,
        group="opendata-exports",
        key=client_key,
        rate=settings.DGCIN_EXPORT_RATE,
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return 0
    return max(1, usage["time_left"])
