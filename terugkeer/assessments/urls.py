from django.urls import path

from terugkeer.assessments import views

app_name = "assessments"

urlpatterns = [
    path(
        "traject/<int:trajectory_pk>/", views.TrajectoryAssessmentsView.as_view(), name="trajectory"
    ),
    path(
        "traject/<int:trajectory_pk>/zrm/nieuw/",
        views.MeasurementCreateView.as_view(),
        name="measurement_create",
    ),
    path(
        "zrm/<int:measurement_pk>/bewerken/",
        views.MeasurementEditView.as_view(),
        name="measurement_edit",
    ),
    path(
        "traject/<int:trajectory_pk>/vragenlijst/<slug:instrument_code>/",
        views.ResponseCreateView.as_view(),
        name="response_create",
    ),
    path(
        "vragenlijst/<slug:instrument_code>/afdrukken/",
        views.QuestionnairePdfView.as_view(),
        name="questionnaire_pdf",
    ),
    path(
        "tevredenheid/<slug:instrument_code>/",
        views.SatisfactionView.as_view(),
        name="satisfaction",
    ),
]
