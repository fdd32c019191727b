from django.urls import path

from terugkeer.partners import views_admin as admin
from terugkeer.partners import views_casework as casework
from terugkeer.partners import views_detention as detention
from terugkeer.partners import views_documents as documents
from terugkeer.partners import views_meetings as meetings

app_name = "partners"

urlpatterns = [
    # Reference data: the functioneel beheerder manages, casework reads.
    path("", admin.PartnerListView.as_view(), name="partner_list"),
    path("nieuw/", admin.PartnerCreateView.as_view(), name="partner_create"),
    path("instellingen/", admin.SettingsView.as_view(), name="settings"),
    path("<int:partner_pk>/", admin.PartnerDetailView.as_view(), name="partner_detail"),
    path("<int:partner_pk>/bewerken/", admin.PartnerEditView.as_view(), name="partner_edit"),
    path(
        "<int:partner_pk>/contactpersoon/",
        admin.ContactCreateView.as_view(),
        name="contact_create",
    ),
    path(
        "contactpersoon/<int:contact_pk>/bewerken/",
        admin.ContactEditView.as_view(),
        name="contact_edit",
    ),
    # On a trajectory.
    path(
        "traject/<int:trajectory_pk>/",
        casework.TrajectoryPartnersView.as_view(),
        name="trajectory",
    ),
    path(
        "traject/<int:trajectory_pk>/betrokkenheid/",
        casework.InvolvementCreateView.as_view(),
        name="involvement_create",
    ),
    path(
        "betrokkenheid/<int:involvement_pk>/bewerken/",
        casework.InvolvementEditView.as_view(),
        name="involvement_edit",
    ),
    path(
        "traject/<int:trajectory_pk>/verwijzen/",
        casework.ReferralCreateView.as_view(),
        name="referral_create",
    ),
    path(
        "verwijzing/<int:referral_pk>/",
        casework.ReferralDetailView.as_view(),
        name="referral_detail",
    ),
    path(
        "traject/<int:trajectory_pk>/documenten/",
        documents.TrajectoryDocumentsView.as_view(),
        name="documents",
    ),
    path(
        "document/<int:document_pk>/",
        documents.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        "document/<int:document_pk>/verwijderen/",
        documents.DocumentRemoveView.as_view(),
        name="document_remove",
    ),
    path(
        "traject/<int:trajectory_pk>/detentie/",
        detention.DetentionTasksView.as_view(),
        name="detention_tasks",
    ),
    path("taak/<int:task_pk>/", detention.TaskUpdateView.as_view(), name="task_update"),
    path(
        "traject/<int:trajectory_pk>/achterblijver/",
        detention.LeftBehindCreateView.as_view(),
        name="left_behind_create",
    ),
    path(
        "achterblijver/<int:left_behind_pk>/",
        detention.LeftBehindEditView.as_view(),
        name="left_behind_edit",
    ),
    # The team meeting.
    path("overleg/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("overleg/nieuw/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("overleg/<int:meeting_pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "overleg/<int:meeting_pk>/bewerken/",
        meetings.MeetingEditView.as_view(),
        name="meeting_edit",
    ),
    path(
        "overleg/<int:meeting_pk>/besluit/",
        meetings.DecisionCreateView.as_view(),
        name="decision_create",
    ),
    path(
        "overleg/<int:meeting_pk>/notulen.pdf",
        meetings.MinutesPdfView.as_view(),
        name="minutes_pdf",
    ),
]
