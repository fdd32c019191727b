from django.urls import path

from terugkeer.cases import break_glass_views, reassign_views, views

app_name = "cases"

urlpatterns = [
    path("nieuw/", views.NewNotificationsView.as_view(), name="new"),
    path("nieuw/toewijzen/", reassign_views.QueueAssignView.as_view(), name="assign"),
    path("mijn-caseload/", views.MyCaseloadView.as_view(), name="mine"),
    path("", views.AllTrajectoriesView.as_view(), name="all"),
    # Break the glass: the reason asked before a shielded person's dossier opens.
    path(
        "afgeschermd/<int:client_pk>/",
        break_glass_views.BreakGlassView.as_view(),
        name="break_glass",
    ),
]
