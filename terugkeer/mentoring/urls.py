from django.urls import path

from terugkeer.mentoring import views_casework as casework
from terugkeer.mentoring import views_mentor as mentor

app_name = "mentoring"

urlpatterns = [
    # The mentor's own pages.
    path("mijn-deelnemers/", mentor.MyParticipantsView.as_view(), name="my_participants"),
    path("mijn-deelnemers/<int:match_pk>/", mentor.ParticipantView.as_view(), name="participant"),
    path(
        "mijn-deelnemers/<int:match_pk>/verslag/",
        mentor.ReportCreateView.as_view(),
        name="report_create",
    ),
    path("mijn-verslagen/", mentor.MyReportsView.as_view(), name="my_reports"),
    # Casework and the functioneel beheerder.
    path("mentoren/", casework.MentorListView.as_view(), name="mentor_list"),
    path("mentoren/nieuw/", casework.MentorCreateView.as_view(), name="mentor_create"),
    path("mentoren/<int:mentor_pk>/", casework.MentorDetailView.as_view(), name="mentor_detail"),
    path(
        "mentoren/<int:mentor_pk>/bewerken/", casework.MentorEditView.as_view(), name="mentor_edit"
    ),
    path(
        "mentoren/<int:mentor_pk>/status/",
        casework.MentorTransitionView.as_view(),
        name="mentor_transition",
    ),
    path(
        "traject/<int:trajectory_pk>/", casework.TrajectoryMentorView.as_view(), name="trajectory"
    ),
    path(
        "traject/<int:trajectory_pk>/koppelen/",
        casework.MatchCreateView.as_view(),
        name="match_create",
    ),
    path("koppeling/<int:match_pk>/beeindigen/", casework.MatchEndView.as_view(), name="match_end"),
    path("verslagen/", casework.InboxView.as_view(), name="inbox"),
    path("verslagen/<int:report_pk>/", casework.ReportDetailView.as_view(), name="report_detail"),
    path("vergaderingen/", casework.MeetingListView.as_view(), name="meeting_list"),
    path("vergaderingen/nieuw/", casework.MeetingCreateView.as_view(), name="meeting_create"),
]
