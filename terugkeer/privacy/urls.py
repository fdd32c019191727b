from django.urls import path

from terugkeer.privacy import views, views_log, views_requests, views_research, views_retention

app_name = "privacy"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("meldingen/", views.AlertsView.as_view(), name="alerts"),
    path("toegangslogboek/", views_log.AccessLogView.as_view(), name="access_log"),
    path(
        "toegangslogboek/export.csv",
        views_log.AccessLogExportView.as_view(kind="csv"),
        name="access_log_csv",
    ),
    path(
        "toegangslogboek/export.xlsx",
        views_log.AccessLogExportView.as_view(kind="xlsx"),
        name="access_log_xlsx",
    ),
    path("verzoeken/", views_requests.RequestListView.as_view(), name="request_list"),
    path("verzoeken/nieuw/", views_requests.RequestCreateView.as_view(), name="request_create"),
    path("verzoeken/<int:pk>/", views_requests.RequestDetailView.as_view(), name="request_detail"),
    path(
        "verzoeken/<int:pk>/verlengen/",
        views_requests.RequestChangeView.as_view(action="extend"),
        name="request_extend",
    ),
    path(
        "verzoeken/<int:pk>/besluiten/",
        views_requests.RequestChangeView.as_view(action="decide"),
        name="request_decide",
    ),
    path(
        "onderzoeksexport/",
        views_research.ResearchExportView.as_view(),
        name="research_export",
    ),
    path(
        "verzoeken/<int:pk>/inzage.pdf",
        views_requests.InzageExportView.as_view(kind="pdf"),
        name="inzage_pdf",
    ),
    path(
        "verzoeken/<int:pk>/inzage.json",
        views_requests.InzageExportView.as_view(kind="json"),
        name="inzage_json",
    ),
    path("clienten/zoeken/", views_log.ClientLookupView.as_view(), name="client_lookup"),
    path(
        "clienten/<int:client_pk>/ingezien/",
        views_log.ClientAccessLogView.as_view(),
        name="client_log",
    ),
    path("bewaartermijnen/", views_retention.RetentionView.as_view(), name="retention"),
    path(
        "bewaartermijnen/nieuw/",
        views_retention.RetentionRuleCreateView.as_view(),
        name="retention_rule_create",
    ),
    path(
        "bewaartermijnen/<int:rule_pk>/",
        views_retention.RetentionRuleView.as_view(),
        name="retention_rule",
    ),
    path(
        "bewaartermijnen/<int:rule_pk>/bevestigen/",
        views_retention.RetentionRuleChangeView.as_view(action="confirm"),
        name="retention_rule_confirm",
    ),
    path(
        "bewaartermijnen/<int:rule_pk>/beeindigen/",
        views_retention.RetentionRuleChangeView.as_view(action="end"),
        name="retention_rule_end",
    ),
]
