"""A paginator told its number of rows, for pages that count them in a query they make
anyway (eoi.selectors.call_eoi_counts): Django's Paginator would ask the database again."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count  # instead of the cached_property's COUNT query
