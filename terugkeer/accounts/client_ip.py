"""The client's address for the login lockout (django-axes ``AXES_CLIENT_IP_CALLABLE``).

Behind the documented reverse proxy every request comes from the proxy's address, so the
forwarded address is used, but only when the request really comes from a configured proxy
(``TERUGKEER_TRUSTED_PROXIES``: addresses or networks such as ``10.0.0.0/24``): anyone else
could write any ``X-Forwarded-For`` they like.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def trusted_networks(entries) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The configured proxies as networks (a single address is a /32 or /128 network).

    A malformed entry is a configuration error, raised at once rather than silently ignored.
    """
    return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip()]


def _trusted(address: str, networks) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip.version == net.version and ip in net for net in networks)


def client_ip(request) -> str | None:
    """The first address, from the right, of the forwarding chain that is not a trusted proxy."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    networks = trusted_networks(settings.TRUSTED_PROXIES)
    if remote is None or not _trusted(remote, networks):
        return remote
    chain = [_valid(part) for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(chain):
        if address is None:
            return remote  # a malformed chain: fall back to what we know
        if not _trusted(address, networks):
            return address
    return remote
