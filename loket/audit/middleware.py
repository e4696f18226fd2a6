"""The address of the request being served, for the audit trail.

Actions do not take the request, so the middleware leaves the client's address in a
context variable for the duration of the request; outside a request (the worker,
management commands) there is none and events are recorded without one.
"""

import contextvars
import ipaddress

_address = contextvars.ContextVar("loket_audit_address", default=None)


def current_address():
    return _address.get()


def client_address(request):
    """The address the rate limits key by (REMOTE_ADDR, or TRUSTED_PROXY_HEADER's)."""
    from loket.lib.ratelimit import client_address as address

    try:
        return str(ipaddress.ip_address(address(request)))
    except ValueError:
        return None


class AuditAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            _address.reset(token)
