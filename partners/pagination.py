"""Pagination that answers a bad page number with a message instead of an error."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


def paginate(request, queryset, per_page):
    """(page, message): the requested page, or the nearest one and why it was shown."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number), ""
    except PageNotAnInteger:
        return paginator.page(1), _(
            "“%(page)s” is not a page number; showing the first page."
        ) % {"page": number[:20]}
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
        return page, _("There is no page %(page)s; showing the last page.") % {
            "page": number[:20]
        }
