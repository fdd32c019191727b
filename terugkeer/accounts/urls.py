from django.urls import path

from terugkeer.accounts import views, views_invitations

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.TwoFactorVerifyView.as_view(), name="two_factor"),
    path(
        "tweestapsverificatie/instellen/",
        views.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.SetPasswordView.as_view(),
        name="set_password",
    ),
    path("organisatie/kiezen/", views.ChooseOrganisationView.as_view(), name="choose_organisation"),
    path(
        "organisatie/instellingen/",
        views.OrganisationSettingsView.as_view(),
        name="organisation_settings",
    ),
    path("organisatie/uitnodigen/", views_invitations.InviteView.as_view(), name="invite"),
    path(
        "uitnodiging/<str:token>/",
        views_invitations.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]
