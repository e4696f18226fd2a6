from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "loket.permits"

    def ready(self):
        # Periodic jobs register on import (loket.core.jobs); the rows named below hold
        # the files the orphan sweep (tasks.sweep_private_files) must keep.
        from loket.core.storage import private_files_named_by
        from loket.notify.models import Letter
        from loket.permits import tasks  # noqa: F401
        from loket.permits.models import Document, Draft, Permit

        for model in (Document, Draft, Permit, Letter):
            private_files_named_by(model)
