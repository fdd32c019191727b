from django.urls import path

from terugkeer.cases import intake_views as views
from terugkeer.cases.open_views import OpenTrajectoryView

app_name = "intake"

urlpatterns = [
    path("registreren/", views.RegisterNotificationView.as_view(), name="register"),
    path("import/", views.ImportUploadView.as_view(), name="import_upload"),
    path("import/<int:batch_pk>/", views.ImportPreviewView.as_view(), name="import_preview"),
    path(
        "import/<int:batch_pk>/voortgang/",
        views.ImportProgressView.as_view(),
        name="import_progress",
    ),
    path(
        "import/<int:batch_pk>/bevestigen/",
        views.ImportConfirmView.as_view(),
        name="import_confirm",
    ),
    path(
        "import/<int:batch_pk>/annuleren/", views.ImportCancelView.as_view(), name="import_cancel"
    ),
    path(
        "import/<int:batch_pk>/afgewezen.csv",
        views.ImportRejectedView.as_view(),
        name="import_rejected",
    ),
    path("beoordelen/", views.ReviewListView.as_view(), name="review"),
    path("traject-openen/", OpenTrajectoryView.as_view(), name="open_trajectory"),
    path(
        "traject-openen/<int:client_pk>/",
        OpenTrajectoryView.as_view(),
        name="open_trajectory_for_client",
    ),
    path("<int:notification_pk>/", views.NotificationDetailView.as_view(), name="notification"),
]
