from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "loket.permits"

    def ready(self):
        from loket.core.personal_data import register_retention_rule, register_subject_data

        # Periodic jobs (loket.core.jobs) and signal receivers register on import.
        from loket.permits import receivers, retention, subject_data, tasks  # noqa: F401

        register_retention_rule(
            "permits", retention.apply_retention, counts=retention.COUNTS, order=10
        )
        register_subject_data("permits", subject_data.provide, sections=("applications",), order=10)
