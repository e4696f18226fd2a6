from django.apps import AppConfig

from loket.audit import register_reads


class AccountsConfig(AppConfig):
    name = "loket.accounts"
    verbose_name = "Akun, peran dan instansi"

    def ready(self):
        # Signal receivers (login sessions, sign-in events) and deployment checks
        # register on import.
        from django.db.models.signals import post_migrate

        from loket.accounts import checks, sessions, sign_in_events, tasks  # noqa: F401

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="loket_cache_table")
        register_reads("accounts.login", "accounts.logout", "accounts.export_personal_data")


def create_cache_table(using, **kwargs):
    """The database cache's table (rate-limit counters, settings.CACHES): made at every
    `migrate`, so no deployment forgets `createcachetable`. Other backends: nothing."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
