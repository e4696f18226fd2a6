from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "loket.complaints"

    def ready(self):
        # Periodic jobs (loket.core.jobs) register on import.
        from loket.complaints import retention, subject_data, tasks  # noqa: F401
        from loket.complaints.models import Attachment
        from loket.core.personal_data import register_retention_rule, register_subject_data
        from loket.core.storage import private_files_named_by

        register_retention_rule(
            "complaints", retention.apply_retention, counts=retention.COUNTS, order=20
        )
        register_subject_data(
            "complaints", subject_data.provide, sections=("complaints",), order=20
        )
        # Attachments are private files: the orphan sweep must keep theirs.
        private_files_named_by(Attachment)
