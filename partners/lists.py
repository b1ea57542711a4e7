"""The base of the public list pages (partners, projects): django-filter's
``FilterView``, answering bad input with a notice instead of an error."""

from django_filters.views import FilterView

from .pagination import filter_notices, paginate


class FilteredListView(FilterView):
    """A filtered, paginated list. A filter value that does not exist is ignored and
    said so, a search that is too long is shortened, a page that does not exist
    gives the nearest one: each with a notice (``notices`` in the context), never a
    404 or a 500. Page links keep the filters (``includes/pagination.html``);
    ``result_count`` is the number of rows all the pages hold."""

    strict = False  # an invalid filter is ignored, not an empty list
    paginate_by = 20

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.notices = []

    def get_filterset_kwargs(self, filterset_class):
        # Bound even without a query string, so that the form is always cleaned.
        return super().get_filterset_kwargs(filterset_class) | {
            "data": self.request.GET
        }

    def get_known_count(self):
        """The number of results when the view already knows it (it spares the
        paginator a COUNT query), or None."""
        return None

    def paginate_queryset(self, queryset, page_size):
        page, notice = paginate(
            self.request, queryset, page_size, count=self.get_known_count()
        )
        if notice:
            self.notices.append(notice)
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        self.notices += filter_notices(self.filterset)
        context = super().get_context_data(**kwargs)
        return context | {
            "notices": self.notices,
            "result_count": context["paginator"].count,
        }
