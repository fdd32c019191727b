from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Stable pages in creation order: the cursor is opaque, ``page_size`` at most 200."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
