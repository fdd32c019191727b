from django.urls import path

from terugkeer.clients import views

app_name = "clients"

urlpatterns = [
    path("", views.ClientSearchView.as_view(), name="search"),
    path("<int:client_pk>/", views.ClientDetailView.as_view(), name="detail"),
    path("<int:client_pk>/bewerken/", views.ClientUpdateView.as_view(), name="edit"),
]
