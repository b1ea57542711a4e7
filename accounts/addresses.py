"""The client's address, as the sign-in lockout (django-axes) counts failures by.

django-axes locks a user name *from an address*: if the address were wrong, or the
same for everybody, anyone could lock anyone out. With no proxy in front
(``DJANGO_PROXY_COUNT=0``) the address is the connection's, ``REMOTE_ADDR``, and
X-Forwarded-For is ignored: any client can write it. Behind N proxies, each of
which appends the address it saw to X-Forwarded-For, the client is the N-th entry
from the right; whatever stands left of it was written by the client and is never
read. A request that did not pass all N proxies (a shorter header, or an entry
that is not an address) falls back to ``REMOTE_ADDR``.

Why not django-ipware, which axes uses when ``AXES_CLIENT_IP_CALLABLE`` is unset:
its ``proxy_count`` counts the proxies listed *inside* X-Forwarded-For (one less
than the proxies in front), it validates chains strictly by default (a spoofed
extra entry makes it skip the header), and its "modern" engine prefers a public
address over a private one from another header. With the settings we had
(``AXES_IPWARE_PROXY_COUNT=1``, right-most) it found no address at all for an
ordinary request through one proxy, so every client shared the address ``None``
and the lock fell on the user name alone.
"""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address the sign-in lockout counts ``request``'s failures by."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.DGCIN_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(hops) < proxies:
        return remote
    return _address(hops[-proxies]) or remote
