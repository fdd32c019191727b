"""URLs of the plan van aanpak, under ``trajecten/<trajectory_pk>/plan/``."""

from django.urls import path

from terugkeer.cases import plan_views

app_name = "plan"

urlpatterns = [
    path("", plan_views.PlanDetailView.as_view(), name="detail"),
    path("pdf/", plan_views.PlanPdfView.as_view(), name="pdf"),
    path("akkoord/", plan_views.PlanAgreeView.as_view(), name="agree"),
    path("doelen/nieuw/", plan_views.GoalCreateView.as_view(), name="goal_create"),
    path("doelen/<int:goal_pk>/", plan_views.GoalUpdateView.as_view(), name="goal_update"),
    path(
        "doelen/<int:goal_pk>/verwijderen/",
        plan_views.GoalDeleteView.as_view(),
        name="goal_delete",
    ),
    path("acties/nieuw/", plan_views.ActionCreateView.as_view(), name="action_create"),
    path("acties/<int:action_pk>/", plan_views.ActionUpdateView.as_view(), name="action_update"),
    path(
        "acties/<int:action_pk>/gedaan/",
        plan_views.ActionCompleteView.as_view(),
        name="action_complete",
    ),
    path(
        "acties/<int:action_pk>/verwijderen/",
        plan_views.ActionDeleteView.as_view(),
        name="action_delete",
    ),
    path("sjabloon/", plan_views.TemplateApplyView.as_view(), name="template_apply"),
]
