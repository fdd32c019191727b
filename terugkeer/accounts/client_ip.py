"""The client's address for the login lockout (django-axes ``AXES_CLIENT_IP_CALLABLE``).

Behind the documented reverse proxy every request comes from the proxy's address, so the
forwarded address is used, but only when the request really comes from a configured proxy
(``TERUGKEER_TRUSTED_PROXIES``): anyone else could write any ``X-Forwarded-For`` they like.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The first address, from the right, of the forwarding chain that is not a trusted proxy."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    trusted = set(settings.TRUSTED_PROXIES)
    if remote is None or remote not in trusted:
        return remote
    chain = [_valid(part) for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(chain):
        if address is None:
            return remote  # a malformed chain: fall back to what we know
        if address not in trusted:
            return address
    return remote
