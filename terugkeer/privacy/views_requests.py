"""The privacy officer's pages for requests of data subjects (AVG art. 15–18, 21)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from terugkeer.core.access_log import record_access, record_list_access
from terugkeer.core.downloads import file_response, pdf_response
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.core.locking import StaleObjectError
from terugkeer.privacy import inzage, selectors, services
from terugkeer.privacy.choices import OPEN_STATUSES, RequestKind
from terugkeer.privacy.forms import RequestDecideForm, RequestExtendForm, RequestRegisterForm
from terugkeer.privacy.views_log import PrivacyOfficerMixin


def _invalid(view, form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
    return view.form_invalid(form)


class RequestListView(PrivacyOfficerMixin, TemplateView):
    template_name = "privacy/request_list.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        shown = context["open_requests"] + context["decided_requests"]
        record_list_access(request, [r.client for r in shown], purpose="verzoeken van betrokkenen")
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        requests = list(selectors.requests_for(scope=self.request.scope)[:500])
        return super().get_context_data(
            open_requests=[r for r in requests if r.status in OPEN_STATUSES],
            decided_requests=[r for r in requests if r.status not in OPEN_STATUSES],
            today=timezone.localdate(),
            **kwargs,
        )


class RequestCreateView(PrivacyOfficerMixin, FormView):
    template_name = "privacy/request_form.html"
    form_class = RequestRegisterForm

    def get_initial(self):
        return {"received_on": timezone.localdate()}

    def form_valid(self, form):
        scope = self.request.scope
        data = form.cleaned_data
        client = selectors.client_by_bsn(scope=scope, bsn=data["bsn"])
        if client is None:
            form.add_error("bsn", _("Er is geen cliënt met dit BSN in uw organisatie."))
            return self.form_invalid(form)
        try:
            with once_per_token(form, user=self.request.user):
                created = services.subject_request_register(
                    organisation=scope.organisation,
                    user=self.request.user,
                    client=client,
                    kind=data["kind"],
                    received_on=data["received_on"],
                    description=data["description"],
                )
        except DuplicateSubmission as exc:
            messages.info(self.request, exc.message)
            return redirect("privacy:request_list")
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(
            self.request,
            _("Het verzoek is geregistreerd. Uiterste antwoorddatum: %(date)s.")
            % {"date": created.deadline.strftime("%d-%m-%Y")},
        )
        return redirect("privacy:request_detail", pk=created.pk)


class RequestMixin(PrivacyOfficerMixin):
    @cached_property
    def subject_request(self):
        return selectors.request_for(scope=self.request.scope, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject_request=self.subject_request, **kwargs)


class RequestDetailView(RequestMixin, TemplateView):
    template_name = "privacy/request_detail.html"

    def get(self, request, *args, **kwargs):
        record_access(request, self.subject_request.client, purpose="verzoek van betrokkene")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        item = self.subject_request
        is_open = item.status in OPEN_STATUSES
        initial = {"version": item.version}
        is_inzage = item.kind == RequestKind.ACCESS
        return super().get_context_data(
            is_open=is_open,
            inzage_urls=(
                {
                    "pdf": reverse("privacy:inzage_pdf", args=[item.pk]),
                    "json": reverse("privacy:inzage_json", args=[item.pk]),
                }
                if is_inzage
                else None
            ),
            inzage_exports=(
                inzage.export_records(scope=self.request.scope, subject_request=item)
                if is_inzage
                else []
            ),
            extend_form=RequestExtendForm(initial=initial) if is_open else None,
            decide_form=(
                RequestDecideForm(initial=initial | {"decided_on": timezone.localdate()})
                if is_open
                else None
            ),
            **kwargs,
        )


class RequestChangeView(RequestMixin, FormView):
    """POST target of the extend and decide forms (a GET shows the form alone)."""

    template_name = "privacy/request_change.html"
    action = "extend"

    def get_form_class(self):
        return RequestExtendForm if self.action == "extend" else RequestDecideForm

    def get_initial(self):
        initial = {"version": self.subject_request.version}
        if self.action == "decide":
            initial["decided_on"] = timezone.localdate()
        return initial

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            if self.action == "extend":
                services.subject_request_extend(
                    request=self.subject_request,
                    user=self.request.user,
                    expected_version=version,
                    **data,
                )
                message = _("De termijn is verlengd.")
            else:
                services.subject_request_decide(
                    request=self.subject_request,
                    user=self.request.user,
                    expected_version=version,
                    **data,
                )
                message = _("Het besluit is vastgelegd.")
        except StaleObjectError as exc:
            form.add_error(None, exc.messages)
            return self.form_invalid(form)
        except ValidationError as exc:
            return _invalid(self, form, exc)
        messages.success(self.request, message)
        return redirect("privacy:request_detail", pk=self.subject_request.pk)


class InzageExportView(RequestMixin, View):
    """The inzage export of an inzage request, as PDF or JSON (``kind`` from the URL).

    The access-log row it writes (the export shows everything about the client) is also the
    record on the request that the export was made, when and by whom.
    """

    kind = "pdf"

    def get(self, request, *args, **kwargs):
        item = self.subject_request
        inzage.check_inzage_request(item)
        record_access(
            request,
            item.client,
            purpose=_("inzage-export (%(kind)s) bij verzoek %(pk)s")
            % {"kind": self.kind.upper(), "pk": item.pk},
        )
        export = inzage.inzage_for_request(scope=request.scope, subject_request=item)
        stamp = timezone.localdate().isoformat()
        filename = f"inzage-{item.client_id}-{stamp}.{self.kind}"
        if self.kind == "json":
            return file_response(
                export.json_bytes(),
                content_type="application/json; charset=utf-8",
                filename=filename,
            )
        return pdf_response(
            request, "privacy/inzage_pdf.html", {"export": export}, filename=filename
        )
