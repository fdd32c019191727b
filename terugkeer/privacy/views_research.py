"""The research export page: period, programme and purpose; the file comes back as CSV or XLSX."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from terugkeer.cases.choices import Programme
from terugkeer.core.access_log import record_access
from terugkeer.core.downloads import file_response
from terugkeer.core.forms import DateInput
from terugkeer.core.views import ScopedViewMixin
from terugkeer.privacy.research_files import research_csv, research_xlsx
from terugkeer.privacy.research_services import RESEARCH_EXPORT_ROLES, research_export_create

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"))


class ResearchExportForm(forms.Form):
    start = forms.DateField(
        label=_("Aangemeld vanaf"),
        widget=DateInput(),
        error_messages={"required": _("Aangemeld vanaf: vul een datum in.")},
    )
    end = forms.DateField(
        label=_("Aangemeld tot en met"),
        widget=DateInput(),
        error_messages={"required": _("Aangemeld tot en met: vul een datum in.")},
    )
    programme = forms.ChoiceField(
        label=_("Programma"),
        choices=[("", _("Alle programma's")), *Programme.choices],
        required=False,
    )
    purpose = forms.CharField(
        label=_("Doel van de export"),
        max_length=300,
        help_text=_("Bijvoorbeeld: evaluatie nazorg voor de WODC-monitor 2026."),
        error_messages={"required": _("Doel: vul in waarvoor de export nodig is.")},
    )
    format = forms.ChoiceField(label=_("Bestand"), choices=FORMATS, initial="xlsx")


class ResearchExportView(ScopedViewMixin, FormView):
    """Policy advisor and privacy officer: the pseudonymised export of trajectories (issue 18)."""

    allowed_roles = RESEARCH_EXPORT_ROLES
    template_name = "privacy/research_export.html"
    form_class = ResearchExportForm

    def get_initial(self):
        today = timezone.localdate()
        return {"start": today.replace(month=1, day=1), "end": today, "format": "xlsx"}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            export = research_export_create(
                scope=self.request.scope,
                purpose=data["purpose"],
                start=data["start"],
                end=data["end"],
                programme=data["programme"] or None,
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        # The export shows no person; the log row names the export, its purpose and its size.
        record_access(
            self.request,
            export,
            purpose=f"onderzoeksexport ({export.row_count} rijen): {export.purpose}",
        )
        stamp = timezone.localdate().isoformat()
        if data["format"] == "xlsx":
            return file_response(
                research_xlsx(export), content_type=XLSX, filename=f"onderzoeksexport-{stamp}.xlsx"
            )
        return file_response(
            research_csv(export),
            content_type="text/csv; charset=utf-8",
            filename=f"onderzoeksexport-{stamp}.csv",
        )
