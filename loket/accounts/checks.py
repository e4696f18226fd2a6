"""Deployment checks Django's own `check --deploy` does not make."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

DEV_KEY_PREFIX = "insecure-dev-key"


@register(Tags.security, deploy=True)
def secret_key_is_not_the_dev_default(app_configs, **kwargs):
    # The built-in check only looks at length and variety, which the dev default passes.
    if str(settings.SECRET_KEY).startswith(DEV_KEY_PREFIX):
        return [
            Warning(
                "SECRET_KEY is the development default.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="loket.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def personal_data_keys_are_set(app_configs, **kwargs):
    """NIK and phone numbers are encrypted under keys of their own (crypto_fields)."""
    from cryptography.fernet import Fernet

    from loket.lib.crypto_fields import uses_development_keys

    problems = []
    if uses_development_keys():
        problems.append("derive from SECRET_KEY (the demo default)")
    for key in getattr(settings, "FIELD_ENCRYPTION_KEYS", None) or []:
        try:
            Fernet(key)
        except (ValueError, TypeError):
            problems.append("include a value that is not a Fernet key")
            break
    if 0 < len(str(getattr(settings, "FIELD_HASH_KEY", "") or "")) < 32:
        problems.append("have a FIELD_HASH_KEY shorter than 32 characters")
    if not problems:
        return []
    return [
        Warning(
            "The keys of encrypted personal data " + "; ".join(problems) + ".",
            hint=(
                "Set FIELD_ENCRYPTION_KEYS to a key from `python -c 'from cryptography.fernet "
                "import Fernet; print(Fernet.generate_key().decode())'` and FIELD_HASH_KEY to a "
                "long random value; keep both out of the database backups (docs/privacy.md)."
            ),
            id="loket.W002",
        )
    ]
