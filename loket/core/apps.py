from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app stands on: offices and their calendars, errors and the API
    error shape, private storage, numbering sequences, the append-only base, and the
    registries through which a higher app plugs into a lower one."""

    name = "loket.core"
    label = "core"
    verbose_name = _("Instansi dan kalender")
