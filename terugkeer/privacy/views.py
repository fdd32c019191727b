"""The privacy officer's start page within the privacy app."""

from django.views.generic import TemplateView

from terugkeer.privacy.views_log import BsnLookupForm, PrivacyOfficerMixin


class IndexView(PrivacyOfficerMixin, TemplateView):
    template_name = "privacy/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(lookup_form=BsnLookupForm(), **kwargs)
