from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "loket.permits"

    def ready(self):
        # Periodic jobs register on import (loket.core.jobs).
        from loket.permits import tasks  # noqa: F401
