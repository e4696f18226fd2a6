from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "loket.surveys"

    def ready(self):
        from loket.core.personal_data import register_subject_data

        # Listens to the permits engine (a file filed, a file closed); jobs register on
        # import (loket.core.jobs).
        from loket.surveys import receivers, subject_data, tasks  # noqa: F401

        # After the files: it adds each file's answer to the "applications" section.
        register_subject_data("surveys", subject_data.provide, order=30)
