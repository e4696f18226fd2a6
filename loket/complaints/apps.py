from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "loket.complaints"

    def ready(self):
        from django.db.models.signals import post_save

        # Periodic jobs register on import (loket.core.jobs).
        from loket.complaints import (
            models,
            rollups,
            tasks,  # noqa: F401
        )

        # The monthly report's roll-up is recounted in the transaction of each change.
        post_save.connect(rollups.on_complaint_saved, sender=models.Complaint)
        post_save.connect(rollups.on_register_entry_saved, sender=models.RegisterEntry)
