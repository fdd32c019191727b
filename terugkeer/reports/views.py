"""Report pages and their files. Thin: the figures come from ``reports.selectors``."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from terugkeer.core.downloads import file_response
from terugkeer.core.roles import REPORT_ROLES
from terugkeer.core.views import ScopedViewMixin
from terugkeer.reports.exports import (
    XLSX_CONTENT_TYPE,
    display_tables,
    report_csv,
    report_xlsx,
    reports_pdf,
)
from terugkeer.reports.forms import ReportFilterForm
from terugkeer.reports.registry import REPORTS
from terugkeer.reports.selectors import rendered_report
from terugkeer.reports.selectors.dashboard import EVALUATION_QUESTIONS

EVALUATION_TITLE = "Evaluatie nazorg ex-gedetineerden"


class ReportMixin(ScopedViewMixin):
    allowed_roles = REPORT_ROLES
    filter_fields: tuple[str, ...] | None = None

    def get_report(self):
        try:
            return REPORTS[self.kwargs["slug"]]
        except KeyError as exc:
            raise Http404 from exc

    def get_filter_form(self, fields=None) -> ReportFilterForm:
        return ReportFilterForm(
            self.request.GET,
            organisation=self.request.scope.organisation,
            today=timezone.localdate(),
            fields=fields,
        )

    def render_one(self, report, form, *, chart_id="rapport-grafiek"):
        return rendered_report(
            report,
            scope=self.request.scope,
            filters=form.to_filters(),
            filter_labels=form.labels(),
            today=timezone.localdate(),
            chart_id=chart_id,
        )


class ReportIndexView(ReportMixin, TemplateView):
    template_name = "reports/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reports=list(REPORTS.values()), **kwargs)


class ReportDetailView(ReportMixin, TemplateView):
    template_name = "reports/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        form = self.get_filter_form(report.filters)
        context.update(report=report, form=form, rendered=None)
        if form.is_valid():
            rendered = self.render_one(report, form)
            context["rendered"] = rendered
            context["tables"] = display_tables(rendered, all_rows=False)
            context["query_string"] = self.request.GET.urlencode()
        return context


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return file_response(content, content_type=content_type, filename=filename)


class ReportExportView(ReportMixin, View):
    """The report as XLSX, CSV or PDF, with the same filters (and suppression) as the page."""

    formats = ("xlsx", "csv", "pdf")

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        if kwargs["fmt"] not in self.formats:
            raise Http404
        form = self.get_filter_form(report.filters)
        if not form.is_valid():
            return HttpResponse(
                "Ongeldige filters: "
                + "; ".join(
                    f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
                ),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        rendered = self.render_one(report, form)
        stem = (
            f"{report.slug}-{form.cleaned_data['start']:%Y%m%d}-{form.cleaned_data['end']:%Y%m%d}"
        )
        fmt = kwargs["fmt"]
        if fmt == "xlsx":
            return _download(report_xlsx(rendered), XLSX_CONTENT_TYPE, f"{stem}.xlsx")
        if fmt == "csv":
            return _download(report_csv(rendered), "text/csv; charset=utf-8", f"{stem}.csv")
        pdf = reports_pdf([rendered], title=report.title, request=request)
        return _download(pdf, "application/pdf", f"{stem}.pdf")


class EvaluationView(ReportMixin, TemplateView):
    """Westland's evaluation: the questions, and one click for a PDF with every figure."""

    template_name = "reports/evaluation.html"

    def get_context_data(self, **kwargs):
        form = self.get_filter_form(("municipality",))
        return super().get_context_data(
            form=form,
            questions=EVALUATION_QUESTIONS,
            reports=list(REPORTS.values()),
            query_string=self.request.GET.urlencode(),
            **kwargs,
        )


class EvaluationPdfView(ReportMixin, View):
    def get(self, request, *args, **kwargs):
        form = self.get_filter_form(("municipality",))
        if not form.is_valid():
            return HttpResponse(
                "Ongeldige periode.", status=400, content_type="text/plain; charset=utf-8"
            )
        rendered = [
            self.render_one(report, form, chart_id=f"grafiek-{report.slug}")
            for report in REPORTS.values()
        ]
        filters = form.to_filters()
        pdf = reports_pdf(
            rendered,
            title=EVALUATION_TITLE,
            request=request,
            intro={"questions": EVALUATION_QUESTIONS, "period": filters.period_label},
        )
        name = slugify(f"evaluatie-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}")
        return _download(pdf, "application/pdf", f"{name}.pdf")
