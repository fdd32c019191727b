from django.urls import path

from terugkeer.cases import reassign_views

app_name = "reassign"

urlpatterns = [
    path("", reassign_views.ReassignView.as_view(), name="form"),
]
