from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "loket.surveys"

    def ready(self):
        # Listens to the permits engine (a file filed, a file closed).
        from loket.surveys import receivers  # noqa: F401
