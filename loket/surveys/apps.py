from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "loket.surveys"

    def ready(self):
        from django.db.models.signals import post_save

        from loket.core.personal_data import register_subject_data

        # Listens to the permits engine (a file filed, a file closed); jobs register on
        # import (loket.core.jobs).
        from loket.surveys import models, receivers, rollups, subject_data, tasks  # noqa: F401

        # After the files: it adds each file's answer to the "applications" section.
        register_subject_data("surveys", subject_data.provide, order=30)
        # The IKM's roll-up counts each response in the transaction that submits it.
        post_save.connect(rollups.on_response_saved, sender=models.SurveyResponse)
