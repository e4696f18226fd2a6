from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "loket.notify"

    def ready(self):
        # Workers lock the task they run, so the sweep can requeue a dead worker's task.
        # Periodic jobs register on import (loket.core.jobs).
        from loket.notify import recovery, tasks  # noqa: F401
