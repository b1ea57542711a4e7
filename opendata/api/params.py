"""What every resource of the API reads from the query string besides its filters:
the language and the page."""

from typing import Annotated, Literal

from django.conf import settings
from ninja import Query

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
# Parameters every list accepts besides its filters; the details accept ``lang``.
PAGING = ("lang", "cursor", "page_size")
UPDATED_SINCE = "updated_since"


def requested_language(request):
    """The language ``?lang=`` names (the site's default when it names none), or
    None when it names a language the site does not have."""
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    return language if language in LANGUAGES else None


# The shared parameters as the operations declare them, for the OpenAPI schema
# (their values are checked before django-ninja reads them: see ``service``).
Language = Annotated[
    Literal[LANGUAGES] | None,
    Query(
        None,
        description="The language of texts, labels and page addresses: "
        f"{', '.join(LANGUAGES)}; {settings.LANGUAGE_CODE} unless given. A text "
        "not written in English is given in Spanish, as on the site.",
    ),
]
Since = Annotated[
    str | None,
    Query(
        None,
        alias=UPDATED_SINCE,
        description="Only items saved at or after this moment: an ISO 8601 date "
        "(2026-03-01) or date and time (2026-03-01T09:30:00-03:00; Argentina's "
        "time when no offset is given).",
    ),
]
