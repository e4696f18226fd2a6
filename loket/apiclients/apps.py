from django.apps import AppConfig

from loket.audit import register_reads


class ApiClientsConfig(AppConfig):
    name = "loket.apiclients"
    verbose_name = "Klien API"

    def ready(self):
        # Every call of a client, reads included (loket.apiclients.auth.record_call).
        register_reads("apiclients.call")
