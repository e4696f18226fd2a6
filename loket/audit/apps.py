from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "loket.audit"
    label = "audit"
    verbose_name = _("Jejak audit")

    def ready(self):
        from loket.audit import (
            signals,  # noqa: F401  (connects the admin-edit receiver)
            tasks,  # noqa: F401  (registers the anchoring job)
        )
