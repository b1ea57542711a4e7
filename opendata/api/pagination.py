"""Cursor pagination: django-ninja's ``CursorPagination``, with a cursor a client
cannot turn into a server error and pages that a list's own code writes.

Without a ``sort``, items come by their internal number (``id``): a keyset that
neither repeats nor skips an item while someone walks the pages, even as
projects are added or changed. With the catalogue's ``sort``, items come in that
order (then by ``id``), numbered by a window function, and the cursor holds a
place in that numbering."""

from django.db.models import Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import CursorPagination

from .errors import ApiError
from .params import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

POSITION = "api_position"


def bad_cursor():
    return ApiError(
        400,
        _(
            "The cursor is not one this API gave: follow the “next” and "
            "“previous” addresses of a page as they are."
        ),
    )


class KeysetPagination(CursorPagination):
    """Pages of a queryset ordered by one unique integer (``ordering``)."""

    class Input(Schema):
        page_size: int | None = Field(
            None,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"Items per page: {DEFAULT_PAGE_SIZE} unless given, "
            f"{MAX_PAGE_SIZE} at most.",
        )
        cursor: str | None = Field(
            None,
            description="Where a page starts: copy it from the `next` or "
            "`previous` address of the page before; never write one.",
        )

    class Output(Schema):
        next: str | None = Field(description="The next page's address, if any.")
        previous: str | None = Field(description="The previous page's address, if any.")
        results: list

    class Cursor(CursorPagination.Cursor):
        @classmethod
        def from_encoded_param(cls, encoded_param, context=None):
            try:
                cursor = super().from_encoded_param(encoded_param, context)
            except Exception as error:  # base64, query string or field errors
                raise bad_cursor() from error
            # A place is an id or a row number: digits, within a 64-bit integer.
            if cursor.p is not None and not (
                cursor.p.isascii() and cursor.p.isdigit() and len(cursor.p) <= 18
            ):
                raise bad_cursor()
            return cursor

    def __init__(self, *, ordering, **kwargs):
        super().__init__(
            ordering=ordering,
            page_size=DEFAULT_PAGE_SIZE,
            max_page_size=MAX_PAGE_SIZE,
            **kwargs,
        )


class ApiPagination(KeysetPagination):
    """The API's lists: by ``id``, or by the queryset's own order when it has one;
    ``serialise(items, request)`` turns a page's rows into its items, all at once
    (a fixed number of queries per page)."""

    def __init__(self, *, serialise, **kwargs):
        super().__init__(ordering=("id",), **kwargs)
        self.serialise = serialise
        self.in_order = KeysetPagination(ordering=(POSITION,))

    def paginate_queryset(self, queryset, pagination, request, **params):
        ordering = queryset.query.order_by
        if ordering:
            numbered = queryset.annotate(
                **{POSITION: Window(RowNumber(), order_by=[*ordering, "pk"])}
            )
            page = self.in_order.paginate_queryset(numbered, pagination, request)
        else:
            page = super().paginate_queryset(queryset, pagination, request)
        page["results"] = self.serialise(page["results"], request)
        return page
