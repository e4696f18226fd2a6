"""The API: django-ninja under /api/v1/, one router per app (each app's api.py)."""

from ninja import NinjaAPI

from loket.complaints.api import router as complaints
from loket.notify.api import router as notify
from loket.permits.api import router as permits
from loket.reports.api import router as reports
from loket.standards.api import router as standards
from loket.surveys.api import router as surveys

api = NinjaAPI(title="Loket API", version="1", urls_namespace="api")
api.add_router("/standards", standards)
api.add_router("/permits", permits)
api.add_router("/complaints", complaints)
api.add_router("/surveys", surveys)
api.add_router("/notify", notify)
api.add_router("/reports", reports)
