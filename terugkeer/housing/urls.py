from django.urls import path

from terugkeer.housing import views, views_units

app_name = "housing"

urlpatterns = [
    path("woningen/", views_units.UnitListView.as_view(), name="unit_list"),
    path("woningen/nieuw/", views_units.UnitCreateView.as_view(), name="unit_create"),
    path("woningen/<int:unit_pk>/", views_units.UnitDetailView.as_view(), name="unit_detail"),
    path("woningen/<int:unit_pk>/bewerken/", views_units.UnitEditView.as_view(), name="unit_edit"),
    path("traject/<int:trajectory_pk>/", views.TrajectoryHousingView.as_view(), name="trajectory"),
    path("traject/<int:trajectory_pk>/intrekken/", views.MoveInView.as_view(), name="move_in"),
    path(
        "traject/<int:trajectory_pk>/toewijzen/",
        views.AllocationCreateView.as_view(),
        name="allocation_create",
    ),
    path("verblijf/<int:stay_pk>/vertrek/", views.StayEndView.as_view(), name="stay_end"),
    path("verblijf/<int:stay_pk>/controle/", views.CheckCreateView.as_view(), name="check_create"),
    path(
        "toewijzing/<int:allocation_pk>/evaluatie/",
        views.AllocationOutcomeView.as_view(),
        name="allocation_outcome",
    ),
]
