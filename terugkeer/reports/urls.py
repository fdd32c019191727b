from django.urls import path

from terugkeer.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    path("evaluatie/", views.EvaluationView.as_view(), name="evaluation"),
    path("evaluatie/evaluatie.pdf", views.EvaluationPdfView.as_view(), name="evaluation_pdf"),
    path("<slug:slug>/", views.ReportDetailView.as_view(), name="detail"),
    path(
        "<slug:slug>/export.<str:fmt>",
        views.ReportExportView.as_view(),
        name="export",
    ),
]
