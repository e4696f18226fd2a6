from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "loket.accounts"
    verbose_name = "Akun, peran dan instansi"
