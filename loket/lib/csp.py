"""django-csp's middleware, with the settings' policy built once per worker.

django-csp builds the Content-Security-Policy header afresh for every response (its
parts as a dataclass, turned into dicts, every directive joined): a fifth of what
Loket's whole middleware list costs a public page (docs/bench.md). Loket's policy is
the settings' alone: no view changes it and no template takes a nonce, so the header is
the same for every response. It is built once per policy in the settings; a response
that carries a policy of its own (django-csp's decorators), a request that took a
nonce, DEBUG, or a policy with excluded paths all go through django-csp unchanged.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings

# What django-csp's decorators set on a response that wants a policy of its own.
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


class CSPMiddleware(LibraryCSPMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self._built = {}

    def _settings_policy(self):
        """(header, report-only header) of the settings' policy, built once for each
        policy object (a test's override_settings is another object)."""
        enforced = settings.CONTENT_SECURITY_POLICY
        reported = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        key = (id(enforced), id(reported))
        if key not in self._built:
            self._built[key] = (build_policy(), build_policy(report_only=True))
        return self._built[key]

    def _plain(self, request, response):
        policies = (
            getattr(settings, "CONTENT_SECURITY_POLICY", None) or {},
            getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {},
        )
        return not (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _OWN_POLICY)
            or HEADER in response
            or HEADER_REPORT_ONLY in response
            or any(policy.get("EXCLUDE_URL_PREFIXES") for policy in policies)
        )

    def process_response(self, request, response):
        if not self._plain(request, response):
            return super().process_response(request, response)
        enforced, reported = self._settings_policy()
        if enforced:
            response[HEADER] = enforced
        if reported:
            response[HEADER_REPORT_ONLY] = reported
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
