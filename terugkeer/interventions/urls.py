from django.urls import path

from terugkeer.interventions import views_followup as followup
from terugkeer.interventions import views_reference as reference
from terugkeer.interventions import views_requests as requests

app_name = "interventions"

urlpatterns = [
    # The dossier tab and what starts from a trajectory.
    path(
        "traject/<int:trajectory_pk>/",
        requests.TrajectoryInterventionsView.as_view(),
        name="trajectory",
    ),
    path(
        "traject/<int:trajectory_pk>/aanvragen/",
        requests.RequestCreateView.as_view(),
        name="request_create",
    ),
    path(
        "traject/<int:trajectory_pk>/noodfonds/",
        followup.GiftCreateView.as_view(),
        name="gift_create",
    ),
    # One request (Bijlage 1) and its course.
    path("aanvraag/<int:request_pk>/", requests.RequestDetailView.as_view(), name="request_detail"),
    path(
        "aanvraag/<int:request_pk>/bewerken/",
        requests.RequestEditView.as_view(),
        name="request_edit",
    ),
    path(
        "aanvraag/<int:request_pk>/indienen/",
        requests.RequestSubmitView.as_view(),
        name="request_submit",
    ),
    path(
        "aanvraag/<int:request_pk>/beoordelen/",
        requests.RequestDecideView.as_view(),
        name="request_decide",
    ),
    path(
        "aanvraag/<int:request_pk>/status/",
        requests.RequestTransitionView.as_view(),
        name="request_transition",
    ),
    path(
        "aanvraag/<int:request_pk>/nieuwe-versie/",
        requests.RequestNewVersionView.as_view(),
        name="request_new_version",
    ),
    path("aanvraag/<int:request_pk>/pdf/", requests.RequestPdfView.as_view(), name="request_pdf"),
    path(
        "aanvraag/<int:request_pk>/voorwaarde/",
        followup.ConditionAddView.as_view(),
        name="condition_add",
    ),
    path(
        "voorwaarde/<int:condition_pk>/controle/",
        followup.ConditionCheckView.as_view(),
        name="condition_check",
    ),
    path(
        "aanvraag/<int:request_pk>/betaling/",
        followup.PaymentCreateView.as_view(),
        name="payment_create",
    ),
    path(
        "aanvraag/<int:request_pk>/lening/",
        followup.LoanDecideView.as_view(),
        name="loan_decide",
    ),
    # Noodfonds gifts.
    path(
        "noodfonds/<int:gift_pk>/beoordelen/",
        followup.GiftDecideView.as_view(),
        name="gift_decide",
    ),
    path("noodfonds/<int:gift_pk>/uitbetalen/", followup.GiftPayView.as_view(), name="gift_pay"),
    # Reference data of the organisation.
    path("catalogus/", reference.CatalogueView.as_view(), name="catalogue"),
    path("catalogus/<int:type_pk>/", reference.TypeEditView.as_view(), name="type_edit"),
    path("begroting/", reference.BudgetView.as_view(), name="budget"),
    path("begroting/<int:line_pk>/", reference.BudgetLineEditView.as_view(), name="line_edit"),
]
