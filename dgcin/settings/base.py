"""Settings shared by every environment, with production-safe defaults.

Deployment values come from the environment (see ``.env.example``); ``dev``, ``test``
and ``prod`` only adjust a few of them.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from dgcin.media_storage import media_storage
from partners.spreadsheets import SafeCSV, SafeXLSX

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # sitemap.xml and the feeds of new projects (dgcin/sitemaps.py, projects/feeds.py).
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django.forms",
    "django_countries",
    "django_filters",
    "simple_history",
    "import_export",
    "django_tasks_db",
    "axes",
    # Two-step sign-in: authenticator apps (TOTP) and backup codes (accounts).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # CORS on the open data only (CORS_URLS_REGEX below).
    "corsheaders",
    # The open-data API (opendata/api/): its documentation page's scripts and
    # styles come from its static files, never from a CDN.
    "ninja",
    # The portal's apps, in the order of their import arrows (ARCHITECTURE.md).
    "partners",
    "directory",
    "accounts",
    "projects",
    "proposals",
    "opendata",
    # The wiring (no models): its management command task_worker.
    "dgcin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses open data only (DGCIN_OPEN_DATA_URLS); last to see the response.
    "dgcin.middleware.OpenDataGZipMiddleware",
    # CORS headers on open data, and its preflight answered, before anything else.
    "corsheaders.middleware.CorsMiddleware",
    # Cache-Control: no-store on private pages; early, to mark every answer.
    "dgcin.middleware.PrivateCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A NUL in the address or a form is refused (400) before any view (after
    # LocaleMiddleware, so the page is in the language of the address).
    "dgcin.request_checks.RejectNulMiddleware",
    # Public pages for visitors not signed in, from the shared cache, keyed by the
    # data generation (dgcin/page_cache.py): before sessions are read and views run.
    "dgcin.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which code (if any) this session passed; then stop staff who passed none.
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dgcin.urls"
WSGI_APPLICATION = "dgcin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dgcin.context_processors.language_links",
                "dgcin.context_processors.proposals_link",
                "directory.context_processors.head_office",
            ],
            # {% seo_head %}: canonical, alternates and share tags (dgcin/seo.py).
            "libraries": {"seo": "dgcin.seo"},
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite by default, PostgreSQL in production through DATABASE_URL.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    from psycopg_pool import ConnectionPool

    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    # A connection attempt gives up after this many seconds (libpq's floor is 2),
    # so an unreachable database fails requests and /healthz fast, never hangs them.
    _db_options.setdefault(
        "connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=2)
    )
    # psycopg's connection pool: a new connection per request costs more than most
    # pages (bench/pages.py measured /healthz at 8.8x a minimal view without it).
    # Each connection is checked as it is handed out, so after a PostgreSQL restart
    # the dead ones are replaced instead of failing the next requests; a request
    # waits at most DJANGO_DB_POOL_TIMEOUT seconds for a connection (bench/faults.py).
    _db_options["pool"] = env.bool("DJANGO_DB_POOL", default=True) and {
        "check": ConnectionPool.check_connection,
        "timeout": env.float("DJANGO_DB_POOL_TIMEOUT", default=10.0),
    }

CACHES = {"default": env.cache_url("DJANGO_CACHE_URL", default="locmemcache://")}
# How long a public page stays in the cache for visitors not signed in (dgcin/
# page_cache.py); any committed change to the data makes new pages at once. 0: off.
DGCIN_PAGE_CACHE_SECONDS = env.int("DGCIN_PAGE_CACHE_SECONDS", default=600)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Internationalisation: Spanish first (at the site root), English under /en/.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Argentina/Buenos_Aires"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "es"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("es", "en")
# Numbers and dates per language: es-AR "48.000,50" and "1 de diciembre de 2026",
# English "48,000.50" and "1 December 2026" (dgcin/formats/). Quantities are grouped
# where a template shows them (floatformat:"g", which reads THOUSAND_SEPARATOR and
# NUMBER_GROUPING from these modules); grouping every integer would also turn years,
# codes and positions into "2.024", in the public pages and the admin alike.
FORMAT_MODULE_PATH = ["dgcin.formats"]
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads: the file system under MEDIA_ROOT, or an S3-compatible bucket shared by
# every server (DJANGO_MEDIA_STORAGE=s3 and DJANGO_S3_*: dgcin/media_storage.py).
# Private on both: only the portal's permission-checked views hand them out.
STORAGES = {
    "default": media_storage(env),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security headers. HTTPS-only settings are switched on in prod.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Strict CSP on every page, the admin included: no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}


def mailers_from_url(url):
    """MAILERS for an e-mail URL: smtp://user:pass@host:25, smtp+tls://...:587,
    smtp+ssl://...:465 or consolemail://."""
    config = environ.Env.email_url_config(url)
    options = {}
    if "smtp" in config["EMAIL_BACKEND"]:
        options = {
            "host": config["EMAIL_HOST"],
            "port": config["EMAIL_PORT"],
            "username": config["EMAIL_HOST_USER"],
            "password": config["EMAIL_HOST_PASSWORD"],
            "use_tls": config.get("EMAIL_USE_TLS", False),
            "use_ssl": config.get("EMAIL_USE_SSL", False),
            "timeout": 10,
        }
    return {"default": {"BACKEND": config["EMAIL_BACKEND"], "OPTIONS": options}}


# E-mail through Django's mailers: printed to the console unless DJANGO_EMAIL_URL says.
MAILERS = mailers_from_url(env.str("DJANGO_EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="DGCIN <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: a database queue, run by ``manage.py task_worker`` (dgcin/
# worker.py: django-tasks-db's db_worker that outlives a database restart and leaves
# a heartbeat in the cache for /healthz). /healthz says "degraded" (still 200) when
# no worker was seen for DGCIN_WORKER_STALE_SECONDS or a task has waited longer than
# DGCIN_QUEUE_STALE_SECONDS.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DGCIN_WORKER_STALE_SECONDS = env.int("DGCIN_WORKER_STALE_SECONDS", default=300)
DGCIN_QUEUE_STALE_SECONDS = env.int("DGCIN_QUEUE_STALE_SECONDS", default=600)

# Accounts: focal points sign in at /accounts/login/; invitation and reset links
# last three days.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "proposals:proposal-list"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# Staff sign in with a code from an authenticator app after the password
# (accounts/two_factor.py); focal points may turn it on. Staff sessions end 8 hours
# after signing in; focal points keep Django's two weeks.
DGCIN_STAFF_TWO_FACTOR = True
DGCIN_STAFF_SESSION_AGE = 8 * 60 * 60
OTP_TOTP_ISSUER = "DGCIN"

# The portal's public address, for links in e-mails and files made outside a request,
# and for every address given to search engines and link previews (canonical links,
# sitemap.xml, robots.txt, feeds, JSON-LD: dgcin/seo.py). Required in production.
DGCIN_SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")

# Proposals: how many a focal point may start and submit in a day, and a shared
# mailbox told of every submission besides the reviewers' own addresses.
DGCIN_PROPOSAL_DRAFTS_PER_DAY = env.int("DGCIN_PROPOSAL_DRAFTS_PER_DAY", default=20)
DGCIN_PROPOSAL_SUBMISSIONS_PER_DAY = env.int(
    "DGCIN_PROPOSAL_SUBMISSIONS_PER_DAY", default=5
)
DGCIN_REVIEWERS_EMAIL = env.str("DGCIN_REVIEWERS_EMAIL", default="")

# Uploads: readable by the portal's own user only.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# Login lockout (django-axes): 5 failures (wrong passwords or codes) lock that user
# from that address for 1 h. The address is the connection's, or, behind
# DJANGO_PROXY_COUNT proxies that each append to X-Forwarded-For, the entry that
# many places from its right (accounts/addresses.py).
DGCIN_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_ip"
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("DJANGO_AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The reporting country: it takes part in every project, so partner-country filters,
# counts and figures leave it out.
HOME_COUNTRY = "AR"

# django-countries gives the loaders their country names. The Malvinas (FK), South
# Georgia and the South Sandwich Islands (GS) and Antarctica (AQ) are Argentine
# territory, never countries: removed here as in partners.models
# (ARGENTINE_TERRITORY_CODES), so no list built from django-countries offers them.
COUNTRIES_OVERRIDE = {"FK": None, "GS": None, "AQ": None}

# DGCIN's IATI organisation reference: the reporting-org of the IATI file, and the
# start of every project's IATI identifier. "AR-DGCIN" is a placeholder (AR-DGCIN is
# no registration agency's prefix): production refuses it (prod.py) and the admin
# warns the staff while it is in use. Set the identifier DGCIN publishes under in the
# IATI Registry, e.g. AR-CUIT- and the Ministry's CUIT.
DGCIN_IATI_ORG_REF_PLACEHOLDER = "AR-DGCIN"
DGCIN_IATI_ORG_REF = env.str(
    "DGCIN_IATI_ORG_REF", default=DGCIN_IATI_ORG_REF_PLACEHOLDER
)

# Open data (CSV, JSON and IATI exports of the catalogue). ``manage.py export_iati``
# builds its absolute links on DGCIN_SITE_URL (the web exports use the request's).
# The licence of the open data: its URL (the JSON export names it) and its title,
# both given by the spreadsheets' notes, the data catalogue (/data.json) and the
# open-data page. CC BY 4.0 by default, as Argentina's national metadata profile
# recommends; set both to publish under another licence.
DGCIN_OPEN_DATA_LICENCE = env.str(
    "DGCIN_OPEN_DATA_LICENCE", default="https://creativecommons.org/licenses/by/4.0/"
)
DGCIN_OPEN_DATA_LICENCE_TITLE = env.str(
    "DGCIN_OPEN_DATA_LICENCE_TITLE",
    default="Creative Commons Attribution 4.0 International (CC BY 4.0)",
)
# The e-mail the data catalogue gives as its publisher's and contact's; empty: the
# General Directorate's e-mail in the directory (the source documents give none).
DGCIN_OPEN_DATA_EMAIL = env.str("DGCIN_OPEN_DATA_EMAIL", default="")
# How often the data catalogue says each dataset is updated (ISO 8601 repeating
# intervals, as the national metadata profile's annex I lists them, or "eventual").
DGCIN_OPEN_DATA_FREQUENCY = {
    "projects": "R/P1D",
    "iati": "R/P1D",
    "directory": "eventual",
}
# The IATI 2.03 activity schema (iati-activities-schema.xsd with the files it
# includes): the tests and ``manage.py export_iati`` validate the IATI export with it.
IATI_SCHEMA_DIR = Path(
    env.str(
        "IATI_SCHEMA_DIR", default=str(BASE_DIR.parent / "shared" / "iati" / "schema")
    )
)

# The machine-readable open data (downloads, a project's and a programme's files,
# the API, the IATI files, the data catalogue): any site may read them (CORS, GET
# only) and they are sent compressed. Pages are neither: they carry CSRF tokens,
# and compression beside a secret opens BREACH (dgcin/middleware.py).
DGCIN_OPEN_DATA_URLS = (
    r"^/(?:en/)?(?:projects/(?:export\.[a-z.]+|iati\.xml|[-\w]+\.(?:json|xml))"
    r"|programmes/[-\w]+\.(?:json|xml))$"
    r"|^/(?:api/|iati/(?:index\.json|[-\w]+\.xml)$|data\.json$)"
)
CORS_URLS_REGEX = DGCIN_OPEN_DATA_URLS
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Content-Disposition", "Retry-After")
# The catalogue's downloads are kept on disk per data generation (opendata/
# export_cache.py): the web processes and the task worker must see the same folder.
# A client that is not signed in may start this many uncached ones
# (django-ratelimit's "count/period").
DGCIN_EXPORT_CACHE_DIR = env.path(
    "DGCIN_EXPORT_CACHE_DIR", default=BASE_DIR / "var" / "exports"
)
DGCIN_EXPORT_RATE = env.str("DGCIN_EXPORT_RATE", default="10/m")
# A large download (more than one chunk of projects) is written by the background
# task worker (``manage.py task_worker``, which must see DGCIN_EXPORT_CACHE_DIR), the
# visitor being asked to come back (503, Retry-After); the web workers stay free for
# the pages. Off: web workers write them, at most DGCIN_EXPORT_BUILDS at once
# across the site.
DGCIN_EXPORT_IN_WORKER = env.bool("DGCIN_EXPORT_IN_WORKER", default=True)
DGCIN_EXPORT_BUILDS = env.int("DGCIN_EXPORT_BUILDS", default=1)
# The published IATI files (/iati/: the organisation file, the activity files by
# year and their index, opendata/iati_publish.py): written by ``manage.py
# publish_iati`` and by a background task after a published project changes, read
# by the web processes, so both must see this folder. A year's activities are split
# into parts so that no file passes DGCIN_IATI_FILE_MAX_BYTES (the IATI Registry
# takes files up to 40 MB).
DGCIN_IATI_DIR = env.path("DGCIN_IATI_DIR", default=BASE_DIR / "var" / "iati")
DGCIN_IATI_FILE_MAX_BYTES = env.int("DGCIN_IATI_FILE_MAX_BYTES", default=40_000_000)
# Whether a change to a published project queues the rebuild of those files.
DGCIN_IATI_PUBLISH_ON_CHANGE = True
# DGCIN's publisher id in the IATI Registry (e.g. "dgcin"), empty until DGCIN is
# registered there: the /iati/ page says so.
DGCIN_IATI_PUBLISHER_ID = env.str("DGCIN_IATI_PUBLISHER_ID", default="")

# Languages a project document may be written in (ISO 639-1).
DOCUMENT_LANGUAGES = [
    ("es", _("Spanish")),
    ("en", _("English")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("ru", _("Russian")),
]

# Admin import/export: CSV and XLSX, each import in one transaction (all or nothing).
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Import changes rows, export reads them: django-import-export asks the model's
# change and view permissions; the projects' admin refines both through
# accounts.permissions (its directorates, its rows), see docs/permissions.md.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# CSV and XLSX that escape formulas on export and refuse hostile files on import
# (partners/spreadsheets.py), within these limits:
IMPORT_EXPORT_FORMATS = [SafeCSV, SafeXLSX]
SPREADSHEET_IMPORT_LIMITS = {
    "upload_bytes": 5 * 1024 * 1024,  # the file as uploaded
    "rows": 10_000,  # rows of data, declared or written (CSV and XLSX)
    "columns": 100,  # declared or written (XLSX)
    "entries": 100,  # parts in the XLSX zip
    "uncompressed_bytes": 50 * 1024 * 1024,  # all parts, unpacked
    "ratio": 100,  # unpacked / packed size of a part over 1 MiB
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": env.str("DJANGO_LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
        # django-axes logs every sign-in at INFO; failures and lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}
