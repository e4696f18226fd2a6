from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "loket.accounts"
    verbose_name = "Akun, peran dan instansi"

    def ready(self):
        # Signal receivers (login sessions) and deployment checks register on import.
        from loket.accounts import checks, sessions  # noqa: F401
