"""The client's address, for the login throttle (``AXES_CLIENT_IP_CALLABLE``) and the rate
limits of the public forms (``sozialraum.common.spam``).

Without trusted proxies (``TRUSTED_PROXY_COUNT = 0``) it is ``REMOTE_ADDR``, and a client
cannot choose it by sending ``X-Forwarded-For``. Behind ``n`` reverse proxies, each of which
appends the address it received the request from, it is the ``n``-th entry from the right of
``X-Forwarded-For``: the one the outermost trusted proxy wrote. Entries further left came from
the client and are never used.
"""

import ipaddress

from django.conf import settings


def client_ip_address(request):
    remote_addr = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < count:
        return remote_addr  # the proxies did not all write the header: do not guess
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote_addr
