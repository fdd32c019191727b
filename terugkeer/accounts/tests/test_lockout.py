"""Security: the login lockout counts per account, never per shared address (issue 11)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from terugkeer.accounts.client_ip import client_ip
from terugkeer.accounts.tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def _login(email: str, password: str, **meta):
    return Client(**meta).post(reverse("accounts:login"), {"username": email, "password": password})


def test_failures_on_other_accounts_from_one_address_lock_out_nobody_else(settings):
    # Behind the proxy every request has the proxy's address; five people mistype once each.
    others = [MembershipFactory().user for _ in range(settings.AXES_FAILURE_LIMIT)]
    for user in others:
        assert _login(user.email, "verkeerd", REMOTE_ADDR=PROXY).status_code == 200
    colleague = MembershipFactory().user

    response = _login(colleague.email, TEST_PASSWORD, REMOTE_ADDR=PROXY)

    assert response.status_code == 302  # on to the second factor, not the lockout page


def test_an_account_is_still_locked_from_any_address(settings):
    user = MembershipFactory().user
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(user.email, "verkeerd", REMOTE_ADDR=f"203.0.113.{n + 1}")

    response = _login(user.email, TEST_PASSWORD, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # From the trusted proxy: the address the proxy saw (the rightmost untrusted one).
        (PROXY, "203.0.113.5", "203.0.113.5"),
        # A client that forges X-Forwarded-For: the proxy appends the real address.
        (PROXY, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        # Not from a trusted proxy: the header is ignored.
        ("198.51.100.7", "1.2.3.4", "198.51.100.7"),
        # A malformed chain from the proxy: the proxy's own address.
        (PROXY, "niet-een-adres", PROXY),
    ],
)
def test_the_forwarded_address_is_trusted_only_from_configured_proxies(
    settings, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = [PROXY]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # Any proxy of the load balancer's network is trusted, along the whole chain.
        ("10.0.0.7", "203.0.113.5, 10.0.0.9", "203.0.113.5"),
        # Just outside the /24: not a proxy, its header is ignored.
        ("10.0.1.7", "203.0.113.5", "10.0.1.7"),
        # IPv6 proxies by network too; an IPv4 address never matches an IPv6 network.
        ("2001:db8::5", "198.51.100.20", "198.51.100.20"),
    ],
)
def test_trusted_proxies_may_be_networks(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8::/64"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_a_malformed_proxy_setting_is_an_error_not_silently_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/33"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    with pytest.raises(ValueError):
        client_ip(request)
