from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "loket.notify"

    def ready(self):
        # Workers lock the task they run, so the sweep can requeue a dead worker's task.
        # Periodic jobs register on import (loket.core.jobs).
        from loket.core.personal_data import register_subject_data
        from loket.notify import channels, recovery, subject_data, tasks  # noqa: F401

        channels.load()
        # Letters are private files: the orphan sweep must keep theirs.
        from loket.core.storage import private_files_named_by
        from loket.notify.models import Letter

        private_files_named_by(Letter)

        # Last: the apps before it name the messages about their records.
        register_subject_data("notify", subject_data.provide, sections=("messages",), order=90)
