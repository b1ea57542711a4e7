"""Where uploads are kept: the file system under DJANGO_MEDIA_ROOT (the default) or
an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph's RADOS Gateway), as
DJANGO_MEDIA_STORAGE says. Every variable is described in ``.env.example``.

Uploads stay private on both: the portal never links a visitor to the storage.
Every download goes through a view that first asks ``accounts.permissions`` who may
see the file, then streams it from the storage (``projects.views``,
``proposals.views``). Objects are written with no ACL of their own, so they take
the bucket's, which must allow no public reads. The only addresses of the bucket
a browser sees are the admin's links to a stored file, shown to staff who may see
its row: signed, and valid for DJANGO_S3_QUERYSTRING_EXPIRE seconds. On the file
system those links go to the row's download view (``stored_files.py``).

Read by the settings (``base.py``) before Django is set up: it imports no app.
"""

from django.core.exceptions import ImproperlyConfigured

# The file system, with ``url()`` pointing at the rows' downloads (stored_files.py).
FILESYSTEM = "dgcin.stored_files.PortalFileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
KINDS = ("filesystem", "s3")
ADDRESSING_STYLES = ("auto", "path", "virtual")
# A file read from the bucket (for a download, or an upload kept across a failed
# save) is held in memory up to this size, beyond it in a temporary file: Django's
# own limit for uploads held in memory (FILE_UPLOAD_MAX_MEMORY_SIZE).
S3_MEMORY_BYTES = 2_621_440


def media_storage(env):
    """``STORAGES["default"]`` as the environment ``env`` (django-environ's Env)
    selects it; ImproperlyConfigured, naming the variable, when it cannot."""
    kind = env.str("DJANGO_MEDIA_STORAGE", default="").strip().lower() or "filesystem"
    if kind == "filesystem":
        return {"BACKEND": FILESYSTEM}
    if kind == "s3":
        return {"BACKEND": S3, "OPTIONS": s3_options(env)}
    raise ImproperlyConfigured(
        f"DJANGO_MEDIA_STORAGE is {kind!r}: set it to filesystem (the default: "
        "uploads under DJANGO_MEDIA_ROOT) or s3 (an S3-compatible bucket named by "
        "DJANGO_S3_BUCKET, see .env.example)."
    )


def s3_options(env):
    """django-storages' S3Storage options from the DJANGO_S3_* variables."""

    def text(name):
        return env.str(name, default="").strip()

    bucket = text("DJANGO_S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_STORAGE is s3: set DJANGO_S3_BUCKET to the bucket that "
            "keeps the uploads (and DJANGO_S3_ENDPOINT_URL for a server other than "
            "AWS S3)."
        )
    access_key, secret_key = (
        text("DJANGO_S3_ACCESS_KEY_ID"),
        text("DJANGO_S3_SECRET_ACCESS_KEY"),
    )
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "Set both DJANGO_S3_ACCESS_KEY_ID and DJANGO_S3_SECRET_ACCESS_KEY, or "
            "neither (boto3 then finds the credentials itself: AWS_* variables, "
            "~/.aws, the machine's role)."
        )
    style = text("DJANGO_S3_ADDRESSING_STYLE").lower() or "auto"
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"DJANGO_S3_ADDRESSING_STYLE is {style!r}: set it to path (most "
            "self-hosted servers: MinIO, Garage, Ceph), virtual or auto (the default)."
        )
    expire = env.int("DJANGO_S3_QUERYSTRING_EXPIRE", default=300)
    if expire <= 0:
        raise ImproperlyConfigured(
            "DJANGO_S3_QUERYSTRING_EXPIRE is a number of seconds, more than 0."
        )
    options = {
        "bucket_name": bucket,
        # Under this folder of the bucket, when the bucket is shared.
        "location": text("DJANGO_S3_PREFIX").strip("/"),
        "querystring_auth": env.bool("DJANGO_S3_QUERYSTRING_AUTH", default=True),
        "querystring_expire": expire,
        # Signature V4 for every request and signed link: what every region and
        # self-hosted server accepts (Garage and newer AWS regions take no other).
        "signature_version": "s3v4",
        # No ACL sent: the bucket's own (private) applies. Never public-read.
        "default_acl": None,
        # A name already taken gets a new one, as on the file system: a stored
        # file is never overwritten by another upload.
        "file_overwrite": False,
        "max_memory_size": S3_MEMORY_BYTES,
    }
    optional = {
        "endpoint_url": text("DJANGO_S3_ENDPOINT_URL"),
        "region_name": text("DJANGO_S3_REGION"),
        "access_key": access_key,
        "secret_key": secret_key,
        "addressing_style": "" if style == "auto" else style,
        "custom_domain": text("DJANGO_S3_CUSTOM_DOMAIN"),
    }
    # Left out when empty, so that django-storages' and boto3's defaults apply.
    return options | {name: value for name, value in optional.items() if value}
