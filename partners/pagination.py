"""List pages answer bad input with a message, never an error: a bad page number,
a filter value that does not exist, a search that is too long."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


def paginate(request, queryset, per_page, count=None):
    """(page, message): the requested page, or the nearest one and why it was shown.

    ``count``, when the caller already knows it, spares the paginator a COUNT query.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property
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


def filter_notices(filterset):
    """Messages for the filters the list ignored, and a search it shortened."""
    notices = [
        _("The filter “%(filter)s” was ignored: %(error)s")
        % {"filter": filterset.form.fields[field].label, "error": " ".join(errors)}
        for field, errors in filterset.form.errors.items()
    ]
    if filterset.query_was_shortened:
        notices.append(_("Your search was too long and has been shortened."))
    return notices
