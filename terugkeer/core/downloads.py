"""File responses (PDF, CSV, XLSX): one way to name the file and keep it out of caches."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename


def file_response(
    content: bytes | str, *, content_type: str, filename: str, inline: bool = False
) -> HttpResponse:
    """A download whose name comes from Django's own helpers, never from string pasting.

    A user-supplied name (an upload's file name) cannot break out of the header to rename the
    file (``meldingen";filename*=UTF-8''rapport.html``): the name keeps only letters, digits,
    ``-``, ``_`` and ``.``, and the header is built by ``content_disposition_header``. Files hold
    personal data or figures of the organisation, so no browser or proxy may keep a copy
    (``Cache-Control: no-store``).
    """
    response = HttpResponse(content, content_type=content_type)
    safe_name = get_valid_filename(filename)
    response["Content-Disposition"] = content_disposition_header(not inline, safe_name)
    response["Cache-Control"] = "no-store"
    return response


# A spreadsheet program runs a cell starting with one of these as a formula (CWE-1236).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """Text for a CSV or XLSX cell: an apostrophe before what would start a formula.

    The one helper for every export (reports, the rejected rows of an import), so a name such as
    ``=HYPERLINK(...)`` typed into Terugkeer never runs in a colleague's spreadsheet.
    """
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def render_pdf(request, template_name: str, context: dict) -> bytes:
    """Render ``template_name`` to PDF with WeasyPrint (static files resolved from the request).

    ``request`` may be None outside a request (a management command): then no context
    processors run and relative URLs are not resolved, so the template must be self-contained.
    """
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(
    request, template_name: str, context: dict, *, filename: str, inline: bool = False
) -> HttpResponse:
    """Render ``template_name`` to PDF and return it as a file response."""
    pdf = render_pdf(request, template_name, context)
    return file_response(pdf, content_type="application/pdf", filename=filename, inline=inline)
