from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "loket.complaints"

    def ready(self):
        # Periodic jobs register on import (loket.core.jobs).
        from loket.complaints import retention, subject_data, tasks  # noqa: F401
        from loket.core.personal_data import register_retention_rule, register_subject_data

        register_retention_rule(
            "complaints", retention.apply_retention, counts=retention.COUNTS, order=20
        )
        register_subject_data(
            "complaints", subject_data.provide, sections=("complaints",), order=20
        )
