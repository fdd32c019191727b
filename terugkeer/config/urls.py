from django.urls import include, path
from django.views.i18n import set_language

from terugkeer.core.admin_site import admin_site

urlpatterns = [
    path("", include("terugkeer.core.urls")),
    path("account/", include("terugkeer.accounts.urls")),
    path("clienten/", include("terugkeer.clients.urls")),
    path("trajecten/", include("terugkeer.cases.urls")),
    path("meldingen/", include("terugkeer.cases.intake_urls")),
    path("metingen/", include("terugkeer.assessments.urls")),
    path("mentoring/", include("terugkeer.mentoring.urls")),
    path("ketenpartners/", include("terugkeer.partners.urls")),
    path("wonen/", include("terugkeer.housing.urls")),
    path("activiteiten/", include("terugkeer.activities.urls")),
    path("interventies/", include("terugkeer.interventions.urls")),
    path("trajecten/<int:trajectory_pk>/", include("terugkeer.cases.dossier_urls")),
    path("trajecten/<int:trajectory_pk>/plan/", include("terugkeer.cases.plan_urls")),
    path("overdragen/", include("terugkeer.cases.reassign_urls")),
    path("rapportages/", include("terugkeer.reports.urls")),
    path("privacy/", include("terugkeer.privacy.urls")),
    path("api/v1/", include("terugkeer.api.urls")),
    path("beheer/", admin_site.urls),
    path("taal/", set_language, name="set_language"),
]
