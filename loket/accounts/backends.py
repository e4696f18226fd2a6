"""Applicants sign in with their NIK, which Loket does not keep in the clear.

An applicant's account is named by the keyed hash of their NIK (`applicant_username`),
so the users table holds no NIK. `NikBackend` turns the NIK typed on the login form
into that name; django-axes counts failed logins under the same name
(`axes_username`), so its tables and log lines hold no NIK either.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from loket.lib.crypto_fields import nik_hash

_NIK_SHAPED = re.compile(r"\s*[0-9]{16}\s*")


def applicant_username(nik):
    return "nik-" + nik_hash(nik)


def login_name(typed):
    """The account name behind what was typed as the username."""
    if isinstance(typed, str) and _NIK_SHAPED.fullmatch(typed):
        return applicant_username(typed)
    return typed


class NikBackend(ModelBackend):
    """ModelBackend for a NIK typed as the username; anything else is left to the next."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not (isinstance(username, str) and _NIK_SHAPED.fullmatch(username)):
            return None
        return super().authenticate(
            request, username=applicant_username(username), password=password
        )


def axes_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: axes' own choice of field, then the NIK replaced."""
    from django.conf import settings

    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    if credentials:
        typed = credentials.get(field)
    else:
        typed = getattr(request, "data", getattr(request, "POST", {})).get(field)
    return login_name(typed)


class AddressLimitBackend:
    """Refuses every sign-in from an address that failed too often, whatever the
    usernames (password spraying): RATE_LOGIN_FAILURES per 15 minutes. It sits just
    after axes' backend, so the login page, the admin and the API alike are covered;
    failures are counted by `count_failed_sign_in` (sign_in_events). It has no
    get_user: it never signs anyone in (and force_login skips it)."""

    def authenticate(self, request, **credentials):
        from django.core.exceptions import PermissionDenied

        from loket.lib import ratelimit

        if request is not None and ratelimit.over_limit(
            "login_address", ratelimit.client_address(request)
        ):
            # PermissionDenied stops the other backends: the right password fails too.
            raise PermissionDenied
        return None
