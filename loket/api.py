"""The API: django-ninja under /api/v1/, one router per app (each app's api.py).

Authentication is the Django session of the login page (ninja's `django_auth`, which
also asks for the CSRF token on unsafe methods); routers mark public operations with
`auth=None`. Every refusal has one shape, `{"detail": message, "errors": {field:
message}}`, whether an action refused (`ActionError`, with its status) or the input
did not parse (422).
"""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from loket.accounts.api import router as accounts
from loket.complaints.api import router as complaints
from loket.core.errors import ActionError
from loket.notify.api import router as notify
from loket.permits.api import router as permits
from loket.permits.issuance_api import router as issuance
from loket.reports.api import router as reports
from loket.standards.api import router as standards
from loket.surveys.api import router as surveys

api = NinjaAPI(title="Loket API", version="1", urls_namespace="api")
api.add_router("/standards", standards)
api.add_router("/permits", permits)
api.add_router("/issuance", issuance)
api.add_router("/complaints", complaints)
api.add_router("/surveys", surveys)
api.add_router("/notify", notify)
api.add_router("/reports", reports)
api.add_router("/accounts", accounts)


@api.exception_handler(ActionError)
def action_refused(request, exc):
    return api.create_response(
        request, {"detail": exc.message, "errors": exc.errors}, status=exc.status
    )


def _field(loc):
    # ("body", "payload", "checked", 0) -> "checked.0"; ("query", "limit") -> "limit"
    parts = [str(p) for p in loc[2:]] if loc[:1] == ("body",) else [str(p) for p in loc[1:]]
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
def input_invalid(request, exc):
    errors = {}
    for error in exc.errors:
        key = _field(tuple(error.get("loc", ())))
        errors[key] = f"{errors[key]} {error['msg']}" if key in errors else error["msg"]
    return api.create_response(
        request, {"detail": _("Periksa kembali isian yang ditandai."), "errors": errors}, status=422
    )
