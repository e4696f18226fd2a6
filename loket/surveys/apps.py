from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "loket.surveys"

    def ready(self):
        # Listens to the permits engine (a file filed, a file closed).
        from django.db.models.signals import post_save

        from loket.surveys import (
            models,
            receivers,  # noqa: F401
            rollups,
        )

        # The IKM's roll-up counts each response in the transaction that submits it.
        post_save.connect(rollups.on_response_saved, sender=models.SurveyResponse)
