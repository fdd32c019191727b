"""Intake views: register a melding by hand, import a file (upload → preview → confirm), review."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from terugkeer.cases import file_import, import_worker, intake
from terugkeer.cases.dossier import refuse_casework_change
from terugkeer.cases.intake_forms import (
    ManualNotificationForm,
    NotificationCorrectionForm,
    UploadForm,
)
from terugkeer.core.access import get_visible_or_404, require_stated_reason
from terugkeer.core.access_log import ListAccessLogMixin, record_access, record_list_access
from terugkeer.core.downloads import file_response
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.views import ScopedViewMixin
from terugkeer.detention.choices import ImportStatus, NotificationSource, NotificationStatus
from terugkeer.detention.importing import ImportFileError, rejected_rows_csv
from terugkeer.detention.models import DetentionNotification, ImportBatch


class IntakeViewMixin(ScopedViewMixin):
    """Casework reads the intake; registering, importing and correcting are the coordinator's."""

    allowed_roles = CASEWORK_ROLES

    def dispatch(self, request, *args, **kwargs):
        refuse_casework_change(request)
        return super().dispatch(request, *args, **kwargs)


def _client_url(client) -> str:
    return reverse("clients:detail", args=[client.pk])


def _landing_url(result) -> str:
    """After a melding: the trajectory it opened or went to (the next work is there), else the
    client."""
    if result.trajectory is not None:
        return reverse("dossier:overview", args=[result.trajectory.pk])
    return _client_url(result.notification.client)


class RegisterNotificationView(IntakeViewMixin, FormView):
    """A melding typed in by hand."""

    template_name = "cases/intake/register.html"
    form_class = ManualNotificationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.request.scope.organisation}

    def form_valid(self, form):
        data = form.cleaned_data
        notification_data = intake.NotificationData(
            kind=data["kind"],
            bsn=data["bsn"],
            surname=data["surname"],
            prefix=data["prefix"],
            first_names=data["first_names"],
            birth_date=data["birth_date"],
            sex=data["sex"],
            municipality=data["municipality"].cbs_code,
            institution=data["institution"].name if data["institution"] else "",
            dji_number=data["dji_number"],
            detention_start=data["detention_start"],
            expected_release=data["expected_release"],
            release_date=data["release_date"],
            legal_title=data["legal_title"],
            pi_casemanager=data["pi_casemanager"],
            received_on=data["received_on"],
        )
        try:
            result = intake.notification_register(
                organisation=self.request.scope.organisation,
                data=notification_data,
                source=NotificationSource.MANUAL,
                registered_by=self.request.user,
            )
        except intake.IntakeRefused as refused:
            form.add_error(None, refused.message)
            return self.form_invalid(form)
        if result.classification.outcome == intake.Outcome.DUPLICATE:
            form.add_error(None, result.classification.reason)
            return self.form_invalid(form)
        if result.classification.outcome == intake.Outcome.REVIEW:
            messages.warning(self.request, result.classification.reason)
            return redirect("intake:review")
        messages.success(self.request, _("De melding is geregistreerd."))
        return redirect(_landing_url(result))


class ImportUploadView(IntakeViewMixin, FormView):
    template_name = "cases/intake/upload.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["batches"] = (
            ImportBatch.objects.visible_to(self.request.scope)
            .select_related("uploaded_by")
            .defer("content", "parsed")[:10]
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            batch = file_import.import_batch_create(
                organisation=self.request.scope.organisation,
                uploaded_by=self.request.user,
                filename=upload.name,
                content=upload.read(),
            )
        except ImportFileError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("intake:import_preview", batch_pk=batch.pk)


class BatchMixin(IntakeViewMixin):
    def get_batch(self) -> ImportBatch:
        return get_visible_or_404(
            # The file is not needed (its rows were parsed and stored at upload); the stored rows
            # are loaded only by the pages that show them.
            ImportBatch.objects.visible_to(self.request.scope).defer("content", "parsed"),
            pk=self.kwargs["batch_pk"],
        )

    def parse(self, batch: ImportBatch):
        return file_import.batch_parsed(batch)


class ImportPreviewView(BatchMixin, TemplateView):
    template_name = "cases/intake/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = self.get_batch()
        if import_worker.is_queued(batch):  # the worker is confirming it: show its progress
            record_access(self.request, batch, purpose=_("importvoortgang bekijken"))
            context.update(batch=batch, queued=True, is_open=False)
            return context
        preview = file_import.import_preview(
            organisation=self.request.scope.organisation, parsed=self.parse(batch)
        )
        # The file's people are shown: the upload itself, and every known client it names.
        record_list_access(
            self.request, [batch, *preview.clients], purpose=_("importvoorbeeld bekijken")
        )
        context.update(batch=batch, preview=preview, is_open=batch.status == ImportStatus.PREVIEW)
        return context


class ImportConfirmView(BatchMixin, View):
    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        valid_only = request.POST.get("valid_only") == "1"
        if import_worker.needs_worker(batch):
            try:
                import_worker.import_enqueue(
                    batch=batch, registered_by=request.user, valid_only=valid_only
                )
            except file_import.ImportRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.info(
                    request,
                    _(
                        "Het bestand wordt op de achtergrond verwerkt. U kunt deze pagina "
                        "verlaten; de voortgang staat op deze pagina."
                    ),
                )
            return redirect("intake:import_preview", batch_pk=batch.pk)
        try:
            file_import.notification_import(
                batch=batch, registered_by=request.user, valid_only=valid_only
            )
        except file_import.ImportRefused as refused:
            messages.error(request, refused.message)
            return redirect("intake:import_preview", batch_pk=batch.pk)
        batch.refresh_from_db()
        messages.success(
            request,
            _(
                "Import verwerkt: %(created)s nieuwe meldingen, %(skipped)s al eerder ontvangen, "
                "%(rejected)s afgewezen."
            )
            % {
                "created": batch.created_count,
                "skipped": batch.skipped_count,
                "rejected": batch.rejected_count,
            },
        )
        return redirect("cases:new")


class ImportProgressView(BatchMixin, TemplateView):
    """The worker's progress on a queued batch (polled by the import page with htmx)."""

    template_name = "cases/intake/_import_progress.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = self.get_batch()
        total = batch.row_count or 1
        context.update(
            batch=batch,
            queued=import_worker.is_queued(batch),
            done=batch.status == ImportStatus.CONFIRMED,
            percent=min(100, batch.rows_done * 100 // total),
        )
        return context


class ImportCancelView(BatchMixin, View):
    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.status == ImportStatus.PREVIEW and not import_worker.is_queued(batch):
            batch.status = ImportStatus.CANCELLED
            batch.save(update_fields=["status", "updated_at"])
            messages.info(request, _("De import is geannuleerd; er is niets verwerkt."))
        return redirect("intake:import_upload")


class ImportRejectedView(BatchMixin, View):
    """The rejected rows with their reasons, as a CSV to correct and import again."""

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        preview = file_import.import_preview(
            organisation=request.scope.organisation, parsed=self.parse(batch)
        )
        rows = [r.row for r in preview.error_rows]
        record_access(request, batch, purpose=_("afgewezen regels downloaden"))
        extra = {
            r.row.line: [r.classification.reason] for r in preview.error_rows if not r.row.errors
        }
        stem = batch.filename.rsplit(".", 1)[0]
        return file_response(
            rejected_rows_csv(rows, extra),
            content_type="text/csv; charset=utf-8",
            filename=f"{stem}-afgewezen.csv",
        )


class ReviewListView(IntakeViewMixin, ListAccessLogMixin, ListView):
    """Meldingen held for review: they matched nothing sensible. The page's meldingen are logged."""

    template_name = "cases/intake/review_list.html"
    context_object_name = "notifications"
    paginate_by = 50
    access_purpose = gettext_lazy("te beoordelen meldingen")

    def get_queryset(self):
        return (
            DetentionNotification.objects.visible_to(self.request.scope)
            .filter(status=NotificationStatus.REVIEW)
            .select_related("municipality", "client")
            .order_by("received_on", "pk")
        )


class NotificationDetailView(IntakeViewMixin, FormView):
    """One melding: its values (correctable), what arrived, and the review actions."""

    template_name = "cases/intake/notification.html"
    form_class = NotificationCorrectionForm

    def _load(self) -> None:
        # After ScopedViewMixin.dispatch: a wrong role is a 403 before any lookup.
        self.notification = require_stated_reason(
            self.request.scope,
            get_visible_or_404(
                DetentionNotification.objects.visible_to(self.request.scope)
                .select_related("municipality", "client", "import_batch", "registered_by")
                .defer("import_batch__content", "import_batch__parsed"),
                pk=self.kwargs["notification_pk"],
            ),
        )

    def get(self, request, *args, **kwargs):
        self._load()
        record_access(request, self.notification, purpose=_("melding bekijken"))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.notification,
            "organisation": self.request.scope.organisation,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notification"] = self.notification
        context["raw_items"] = sorted(self.notification.raw.items())
        context["held"] = self.notification.status == NotificationStatus.REVIEW
        return context

    def post(self, request, *args, **kwargs):
        self._load()
        action = request.POST.get("action", "save")
        if action in ("reprocess", "resolve"):
            try:
                if action == "reprocess":
                    result = intake.notification_reprocess(notification=self.notification)
                    messages.success(request, _("De melding is alsnog verwerkt."))
                    return redirect(_landing_url(result))
                intake.notification_resolve(
                    notification=self.notification,
                    reason=request.POST.get("reason", "") or _("afgehandeld zonder verwerking"),
                )
                messages.success(request, _("De melding is afgehandeld zonder verwerking."))
                return redirect("intake:review")
            except intake.IntakeRefused as refused:
                messages.error(request, refused.message)
                return redirect("intake:notification", notification_pk=self.notification.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            intake.notification_correct(
                notification=self.notification,
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except StaleObjectError as stale:
            form.add_error(None, stale.message)
            return self.form_invalid(form)
        messages.success(self.request, _("De correctie is opgeslagen."))
        return redirect("intake:notification", notification_pk=self.notification.pk)
