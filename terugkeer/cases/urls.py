from django.urls import path

from terugkeer.cases import views

app_name = "cases"

urlpatterns = [
    path("nieuw/", views.NewNotificationsView.as_view(), name="new"),
    path("mijn-caseload/", views.MyCaseloadView.as_view(), name="mine"),
    path("", views.AllTrajectoriesView.as_view(), name="all"),
]
