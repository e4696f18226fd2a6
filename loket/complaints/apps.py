from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "loket.complaints"

    def ready(self):
        from django.db.models.signals import post_save

        # Periodic jobs (loket.core.jobs) register on import.
        from loket.complaints import models, retention, rollups, subject_data, tasks  # noqa: F401
        from loket.complaints.channels_shown import complaint_channels
        from loket.core.identity import register_contact_channels
        from loket.core.personal_data import register_retention_rule, register_subject_data
        from loket.core.storage import private_files_named_by

        register_retention_rule(
            "complaints", retention.apply_retention, counts=retention.COUNTS, order=20
        )
        register_subject_data(
            "complaints", subject_data.provide, sections=("complaints",), order=20
        )
        # Every page's footer lists the channels a complaint may come in by.
        register_contact_channels(complaint_channels)
        # Attachments are private files: the orphan sweep must keep theirs.
        private_files_named_by(models.Attachment)
        # The monthly report's roll-up is recounted in the transaction of each change.
        post_save.connect(rollups.on_complaint_saved, sender=models.Complaint)
        post_save.connect(rollups.on_register_entry_saved, sender=models.RegisterEntry)
