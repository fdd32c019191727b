from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination

from terugkeer.api.problems import Problem


class IdCursorPagination(CursorPagination):
    """Stable pages in creation order: the cursor is opaque, ``page_size`` at most 200.

    A ``page_size`` that is not a whole number of at least 1 answers 400 naming it (never a silent
    default); a cursor this API did not hand out points to no page: 404 naming ``cursor``."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        text = values[-1].strip()
        if len(values) > 1 or not text.isdigit() or not text.isascii() or int(text) < 1:
            raise Problem(
                400,
                _("page_size moet een geheel getal van ten minste 1 zijn."),
                [
                    {
                        "field": "page_size",
                        "detail": _("Geef één geheel getal van 1 tot en met 200."),
                    }
                ],
            )
        return min(int(text), self.max_page_size)

    def decode_cursor(self, request):
        values = request.query_params.getlist(self.cursor_query_param)
        try:
            if len(values) > 1:
                raise ValueError
            cursor = super().decode_cursor(request)
            if cursor is not None and cursor.position is not None:
                cursor = Cursor(
                    offset=cursor.offset, reverse=cursor.reverse, position=int(cursor.position)
                )
        except (ValueError, NotFound):
            raise Problem(
                404,
                _("Ongeldige cursor: volg de link in 'next' of 'previous' zoals die is gegeven."),
                [{"field": "cursor", "detail": _("Deze cursor is niet door de API gegeven.")}],
            ) from None
        return cursor

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["description"] = {
                "cursor": "De cursor uit `next` of `previous`; niet zelf samenstellen.",
                "page_size": "Aantal per pagina (standaard 50); meer dan 200 geeft er 200.",
            }[parameter["name"]]
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
