from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "loket.permits"

    def ready(self):
        from django.db.models.signals import post_save

        from loket.core.personal_data import register_retention_rule, register_subject_data
        from loket.core.storage import private_files_named_by

        # Periodic jobs (loket.core.jobs) and signal receivers register on import.
        from loket.permits import (  # noqa: F401
            models,
            receivers,
            retention,
            rollups,
            subject_data,
            tasks,
        )

        register_retention_rule(
            "permits", retention.apply_retention, counts=retention.COUNTS, order=10
        )
        register_subject_data("permits", subject_data.provide, sections=("applications",), order=10)
        # The rows that hold the files the orphan sweep (tasks.sweep_private_files) keeps.
        for model in (models.Document, models.Draft, models.Permit, models.SignatureAct):
            private_files_named_by(model)
        # The roll-ups count their rows in the transaction that writes them.
        post_save.connect(rollups.on_application_saved, sender=models.Application)
        post_save.connect(rollups.on_card_entry_saved, sender=models.ControlCardEntry)
        post_save.connect(rollups.on_permit_saved, sender=models.Permit)
