from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "loket.accounts"
    verbose_name = "Akun, peran dan instansi"

    def ready(self):
        # Signal receivers (login sessions, sign-in events) and deployment checks
        # register on import.
        from loket.accounts import checks, sessions, sign_in_events, tasks  # noqa: F401
