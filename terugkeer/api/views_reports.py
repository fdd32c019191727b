"""Reports as JSON: the registered reports (``reports.registry``), aggregates only.

Every answer has small cells suppressed exactly as a policy advisor sees them (counts under 5 as
``"<5"``, with complementary suppression; tables with a row per trajectory left out), whatever
the caller's role: a system may pass the figures on. No personal data, so no access log.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from terugkeer.api.problems import Problem
from terugkeer.core.roles import REPORT_ROLES
from terugkeer.reports.forms import ReportFilterForm
from terugkeer.reports.framework import (
    SUPPRESSED,
    SUPPRESSION_NOTE,
    Report,
    ReportFilters,
    suppress_small_cells,
)
from terugkeer.reports.registry import REPORTS

PARAMETERS = [
    OpenApiParameter(
        "start", OpenApiTypes.DATE, description="Begin van de periode (standaard 1 januari)."
    ),
    OpenApiParameter(
        "end", OpenApiTypes.DATE, description="Einde van de periode, inclusief (standaard vandaag)."
    ),
    OpenApiParameter("municipality", str, description="CBS-code van een gemeente (bijv. GM0537)."),
    OpenApiParameter("programme", str, description="Programma: nazorg of reintegratie."),
    OpenApiParameter("coordinator", int, description="Id van een coördinator."),
]


class ReportSummarySerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField()
    filters = serializers.ListField(child=serializers.CharField(), help_text="Extra parameters.")


class ReportColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=["label", "count", "percent", "number", "amount"])


class ReportTableSerializer(serializers.Serializer):
    title = serializers.CharField()
    note = serializers.CharField()
    columns = ReportColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.DictField(child=serializers.JSONField(allow_null=True)),
        help_text=f'Eén object per rij, per kolom `key`; "{SUPPRESSED}" is een onderdrukte cel.',
    )


class ReportResultSerializer(ReportSummarySerializer):
    start = serializers.DateField()
    end = serializers.DateField()
    suppression = serializers.CharField()
    tables = ReportTableSerializer(many=True)


def report_filters(report: Report, params, *, organisation, today) -> ReportFilters:
    """The query parameters as the report page's filters; a refusal names the parameter."""
    data = {
        name: params[name]
        for name in ("start", "end", "programme", "coordinator")
        if name in params
    }
    errors = []
    if params.get("municipality"):
        municipality = organisation.municipalities.filter(cbs_code=params["municipality"]).first()
        if municipality is None:
            errors.append(
                {
                    "field": "municipality",
                    "detail": _("Geen gemeente van deze organisatie met CBS-code %(code)s.")
                    % {"code": params["municipality"]},
                }
            )
        else:
            data["municipality"] = str(municipality.pk)
    form = ReportFilterForm(data, organisation=organisation, today=today, fields=report.filters)
    if not form.is_valid():
        errors += [
            {"field": None if name == "__all__" else name, "detail": message}
            for name, messages in form.errors.items()
            for message in messages
        ]
    if errors:
        raise Problem(
            400, _("De parameters van het rapport zijn niet in orde; zie 'errors'."), errors
        )
    return form.to_filters()


def _summary(report: Report) -> dict:
    return {
        "slug": report.slug,
        "title": report.title,
        "definition": report.definition,
        "filters": list(report.filters),
    }


@extend_schema(tags=["rapportages"])
class ReportViewSet(viewsets.ViewSet):
    """The report catalogue and one report's figures for a period."""

    scope_group = "reports"
    person_roles = REPORT_ROLES  # people: the roles that see the report pages
    lookup_url_kwarg = "report_slug"
    lookup_value_regex = r"[^/]+"
    http_method_names = ["get", "head", "options"]

    @extend_schema(responses=ReportSummarySerializer(many=True))
    def list(self, request):
        return Response([_summary(report) for report in REPORTS.values()])

    @extend_schema(parameters=PARAMETERS, responses=ReportResultSerializer)
    def retrieve(self, request, report_slug=None):
        report = REPORTS.get(report_slug)
        if report is None:
            raise NotFound(_("Dit rapport bestaat niet."))
        scope, today = request.scope, timezone.localdate()
        filters = report_filters(
            report, request.query_params, organisation=scope.organisation, today=today
        )
        result = suppress_small_cells(report.compute(scope, filters, today))
        tables = [
            {
                "title": table.title,
                "note": table.note,
                "columns": [
                    {"key": c.key, "label": str(c.label), "kind": c.kind} for c in table.columns
                ],
                "rows": [{c.key: row.get(c.key) for c in table.columns} for row in table.rows],
            }
            for table in result.tables
        ]
        return Response(
            {
                **_summary(report),
                "start": filters.start,
                "end": filters.end,
                "suppression": SUPPRESSION_NOTE,
                "tables": tables,
            }
        )
