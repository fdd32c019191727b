"""Documents on a trajectory: the tab with the list and the upload, and the one download view.

The download checks the scope (404 outside it, so a shielded trajectory's documents stay hidden)
and writes the access log before the bytes go out, with ``Cache-Control: no-store``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from terugkeer.cases.dossier import DossierTabMixin
from terugkeer.core.access import require_stated_reason
from terugkeer.core.access_log import LoggedRenderMixin, record_access
from terugkeer.core.downloads import file_response
from terugkeer.core.form_tokens import DuplicateSubmission, once_per_token
from terugkeer.partners import documents, selectors
from terugkeer.partners.forms import DocumentForm, DocumentRemoveForm
from terugkeer.partners.views_casework import CaseworkChangeMixin
from terugkeer.partners.views_common import CaseworkMixin, show_refusal


class TrajectoryDocumentsView(DossierTabMixin, FormView):
    """Dossier tab: the documents; the upload form for who may change the trajectory."""

    template_name = "partners/documents.html"
    form_class = DocumentForm
    tab_name = "partners:documents"

    def post(self, request, *args, **kwargs):
        self.get_trajectory()  # 404 / 403 before the upload is read
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"received_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            documents=selectors.trajectory_documents(
                scope=self.request.scope, trajectory=self.get_trajectory()
            ),
            allowed_types=documents.allowed_labels(),
            max_megabytes=documents.max_megabytes(),
            **kwargs,
        )

    def form_valid(self, form):
        trajectory = self.get_trajectory()  # a POST: the change action (403 for a reader)
        upload = form.cleaned_data["file"]
        try:
            content = documents.read_upload(upload)
            with once_per_token(form, user=self.request.user):
                documents.document_upload(
                    trajectory=trajectory,
                    user=self.request.user,
                    doc_type=form.cleaned_data["doc_type"],
                    title=form.cleaned_data["title"],
                    received_on=form.cleaned_data["received_on"],
                    filename=upload.name,
                    content=content,
                )
        except DuplicateSubmission as repeat:
            messages.info(self.request, repeat.message)
        except ValidationError as exc:
            return show_refusal(self, form, exc)
        else:
            messages.success(self.request, _("Het document is toegevoegd."))
        return redirect("partners:documents", trajectory_pk=trajectory.pk)


class DocumentDownloadView(CaseworkMixin, View):
    def get(self, request, document_pk):
        document = selectors.document_for(scope=request.scope, pk=document_pk)
        record_access(request, document.trajectory, purpose=f"document downloaden: {document}")
        with document.file.open("rb") as handle:
            content = handle.read()
        return file_response(
            content,
            content_type=document.content_type,
            filename=documents.download_name(document),
        )


class DocumentRemoveView(LoggedRenderMixin, CaseworkChangeMixin, FormView):
    """Remove a document with a reason (the coordinator's; a reader gets 403, outside 404)."""

    template_name = "partners/document_remove.html"
    form_class = DocumentRemoveForm

    @cached_property
    def document(self):
        found = selectors.document_for(
            scope=self.request.scope, pk=self.kwargs["document_pk"], check_reason=False
        )
        self.require_change(found)
        return require_stated_reason(self.request.scope, found)

    def log_access(self) -> None:
        record_access(
            self.request, self.document.trajectory, purpose=f"document verwijderen: {self.document}"
        )

    def post(self, request, *args, **kwargs):
        self.document  # noqa: B018 - 404/403 before the form is read
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.document, **kwargs)

    def form_valid(self, form):
        try:
            documents.document_remove(
                document=self.document, user=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "removed":
                messages.info(self.request, exc.messages[0])
            else:
                return show_refusal(self, form, exc)
        else:
            messages.success(self.request, _("Het document is verwijderd."))
        return redirect("partners:documents", trajectory_pk=self.document.trajectory_id)
