"""/api/v1/: the resources, the OAuth2 token endpoints, the schema and its documentation."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider import views as oauth_views
from rest_framework.routers import SimpleRouter

from terugkeer.api import views, views_casework, views_reports

app_name = "api"

router = SimpleRouter()
router.register("clients", views.ClientViewSet, basename="client")
router.register("detentions", views.DetentionViewSet, basename="detention")
router.register("notifications", views_casework.NotificationViewSet, basename="notification")
router.register("trajectories", views_casework.TrajectoryViewSet, basename="trajectory")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("mentor-matches", views.MentorMatchViewSet, basename="mentor-match")
router.register("reports", views_reports.ReportViewSet, basename="report")

# Swagger UI's files come from its CDN: allowed on this page only.
SWAGGER_CDN = "https://cdn.jsdelivr.net"
docs_view = csp_update(
    {"script-src": [SWAGGER_CDN], "style-src": [SWAGGER_CDN], "img-src": [SWAGGER_CDN]}
)(SpectacularSwaggerSplitView.as_view(url_name="api:schema"))

oauth_patterns = [
    path("token/", oauth_views.TokenView.as_view(), name="token"),
    path("revoke/", oauth_views.RevokeTokenView.as_view(), name="revoke"),
]

urlpatterns = [
    path("", include(router.urls)),
    path("oauth/", include((oauth_patterns, "oauth"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs_view, name="docs"),
]
