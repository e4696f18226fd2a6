from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "loket.complaints"

    def ready(self):
        # Periodic jobs register on import (loket.core.jobs).
        from loket.complaints import tasks  # noqa: F401
