from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "loket.permits"

    def ready(self):
        from loket.core.personal_data import register_retention_rule, register_subject_data
        from loket.core.storage import private_files_named_by

        # Periodic jobs (loket.core.jobs) and signal receivers register on import.
        from loket.permits import receivers, retention, subject_data, tasks  # noqa: F401
        from loket.permits.models import Document, Draft, Permit

        register_retention_rule(
            "permits", retention.apply_retention, counts=retention.COUNTS, order=10
        )
        register_subject_data("permits", subject_data.provide, sections=("applications",), order=10)
        # The rows that hold the files the orphan sweep (tasks.sweep_private_files) keeps.
        for model in (Document, Draft, Permit):
            private_files_named_by(model)
