from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "loket.permits"

    def ready(self):
        from django.db.models.signals import post_save

        # Periodic jobs register on import (loket.core.jobs).
        from loket.permits import (
            models,
            rollups,
            tasks,  # noqa: F401
        )

        # The roll-ups count their rows in the transaction that writes them.
        post_save.connect(rollups.on_application_saved, sender=models.Application)
        post_save.connect(rollups.on_card_entry_saved, sender=models.ControlCardEntry)
        post_save.connect(rollups.on_permit_saved, sender=models.Permit)
