from django.urls import path

from terugkeer.cases import dossier_views as views
from terugkeer.cases import timeline_views

app_name = "dossier"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("basisvoorwaarden/", views.TriageView.as_view(), name="triage"),
    path("contacten/", views.ContactsView.as_view(), name="contacts"),
    path("klantreis/", timeline_views.TimelineView.as_view(), name="timeline"),
    path("dossier.pdf", timeline_views.DossierPdfView.as_view(), name="pdf"),
]
