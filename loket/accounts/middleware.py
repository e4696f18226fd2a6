"""The one gate of the second factor, for HTML views and the API alike.

Why a middleware and not `roles.acts_as`: verification belongs to the session, not to
the user. `acts_as` is also asked by actions run from tasks, management commands and
tests, where there is no session; and an unverified officer must not even *see* what
an officer sees (inbox, files, reports), which visibility queries decide without
`acts_as`. Every request passes here, so one check covers every page and operation.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from loket.accounts.two_factor import needs_two_factor


def _open_to_unverified(path):
    """The pages a half-logged-in officer still needs: the code page, logout, language."""
    if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return True
    return path in {reverse("accounts:two_factor"), reverse("logout"), reverse("set_language")}


class OfficerTwoFactorMiddleware:
    """Officers (and staff) whose session passed no TOTP code reach only the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            needs_two_factor(user)
            and not user.is_verified()
            and not _open_to_unverified(request.path)
        ):
            if request.path.startswith("/api/"):
                message = _("Masuk dengan verifikasi dua langkah terlebih dahulu.")
                return JsonResponse({"detail": message, "errors": {}}, status=403)
            return redirect_to_login(
                request.get_full_path(), reverse("accounts:two_factor"), "next"
            )
        return self.get_response(request)


class PrivateNoStoreMiddleware:
    """No browser or proxy keeps a copy of what is private: every answer to a signed-in
    user, and every file download (documents, permits, letters, exports), says
    `Cache-Control: no-store` (with no-cache, private, max-age=0: Django's never-cache
    headers). A shared computer's back button or cache then shows no one else's file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        private = (user is not None and user.is_authenticated) or response.has_header(
            "Content-Disposition"
        )
        if private and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response
