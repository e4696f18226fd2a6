from django.apps import AppConfig


class ApiClientsConfig(AppConfig):
    name = "loket.apiclients"
    verbose_name = "Klien API"
