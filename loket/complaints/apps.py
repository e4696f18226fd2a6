from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "loket.complaints"

    def ready(self):
        # Periodic jobs register on import (loket.core.jobs).
        from loket.complaints import tasks  # noqa: F401

        # Attachments are private files: the orphan sweep must keep theirs.
        from loket.complaints.models import Attachment
        from loket.core.storage import private_files_named_by

        private_files_named_by(Attachment)
