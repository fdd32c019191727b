from django.urls import path

from terugkeer.cases import reassign_views, views

app_name = "cases"

urlpatterns = [
    path("nieuw/", views.NewNotificationsView.as_view(), name="new"),
    path("nieuw/toewijzen/", reassign_views.QueueAssignView.as_view(), name="assign"),
    path("mijn-caseload/", views.MyCaseloadView.as_view(), name="mine"),
    path("", views.AllTrajectoriesView.as_view(), name="all"),
]
