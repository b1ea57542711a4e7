"""Reading a list's query string: parameters nobody asked for are refused (a
misspelled filter would otherwise give a quietly wider list), ``updated_since``
keeps what changed since a moment."""

import datetime
import re

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django_filters import FilterSet

from partners.filters import unknown_parameters, unknown_parameters_message

from .errors import ApiError
from .params import PAGING, UPDATED_SINCE


def check_parameters(request, filterset_class=FilterSet, also=PAGING):
    """Refuse (400, listing the accepted ones) a parameter neither the filters of
    ``filterset_class`` nor ``also`` name; a bare FilterSet names none."""
    unknown, accepted = unknown_parameters(request.GET, filterset_class, also)
    if unknown:
        raise ApiError(
            400, unknown_parameters_message(unknown, accepted), accepted=accepted
        )


# A "+" written unencoded in a query string arrives as a space: "09:30:00 03:00".
UNENCODED_OFFSET = re.compile(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


def parse_moment(value):
    """An aware datetime from an ISO 8601 date (its first moment) or date and
    time (in Argentina's time zone when it names none), or None."""
    text = UNENCODED_OFFSET.sub(r"\1+\2", value.strip())
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is None:
                return None
            moment = datetime.datetime.combine(day, datetime.time())
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment.astimezone(datetime.UTC)  # what the database is given
    except (ValueError, OverflowError):
        return None
    return moment


def updated_since(request, queryset):
    """The rows of ``queryset`` saved at or after ``?updated_since=``."""
    value = request.GET.get(UPDATED_SINCE)
    if value is None:
        return queryset
    moment = parse_moment(value)
    if moment is None:
        raise ApiError(
            400,
            _("These parameters cannot be applied"),
            details=[
                _(
                    "The parameter “updated_since” (%(value)s) is not a date, or a "
                    "date and time, in ISO 8601: for example 2026-03-01 or "
                    "2026-03-01T09:30:00-03:00."
                )
                % {"value": value[:40]}
            ],
        )
    return queryset.filter(updated_at__gte=moment)
