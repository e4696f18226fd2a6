from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "loket.notify"

    def ready(self):
        # Workers lock the task they run, so the sweep can requeue a dead worker's task.
        from loket.notify import recovery  # noqa: F401
