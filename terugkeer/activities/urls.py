from django.urls import path

from terugkeer.activities import views

app_name = "activities"

urlpatterns = [
    path("kaarten/", views.CardListView.as_view(), name="card_list"),
    path(
        "kaarten/lijst.pdf",
        views.CardPdfView.as_view(template_name="activities/card_list_pdf.html", filename="lijst"),
        name="card_list_pdf",
    ),
    path(
        "kaarten/etiketten.pdf",
        views.CardPdfView.as_view(
            template_name="activities/card_labels_pdf.html", filename="etiketten"
        ),
        name="card_labels_pdf",
    ),
    path(
        "traject/<int:trajectory_pk>/",
        views.TrajectoryActivitiesView.as_view(),
        name="trajectory",
    ),
    path(
        "traject/<int:trajectory_pk>/toestemming/",
        views.ConsentView.as_view(),
        name="consent",
    ),
    path("activiteiten/", views.SessionListView.as_view(), name="session_list"),
    path("activiteiten/nieuw/", views.SessionCreateView.as_view(), name="session_create"),
    path(
        "activiteiten/<int:session_pk>/",
        views.SessionDetailView.as_view(),
        name="session_detail",
    ),
]
