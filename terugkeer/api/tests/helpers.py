"""Tokens from the real token endpoint, and a test client that sends one."""

import base64

from django.test import Client


def token_for(api_client, secret=None) -> str:
    secret = secret or api_client.plain_secret
    basic = base64.b64encode(f"{api_client.application.client_id}:{secret}".encode()).decode()
    response = Client().post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def bearer(api_client) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(api_client)}")
