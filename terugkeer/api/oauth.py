"""The token endpoint issues tokens only to API clients that are active and not expired."""

from oauth2_provider.oauth2_validators import OAuth2Validator


class ApiClientValidator(OAuth2Validator):
    def authenticate_client(self, request, *args, **kwargs):
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        api_client = getattr(request.client, "api_client", None)
        return api_client is not None and api_client.is_usable()
