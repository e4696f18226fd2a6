"""Deployment checks Django's own `check --deploy` does not make.

The secrets checks are errors, tagged SECRETS: with DEBUG off the web server runs them at
start-up (loket/wsgi.py) and refuses to serve on a development secret, and `make serve`
runs them first to explain how to make the real ones.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

DEV_KEY_PREFIX = "insecure-dev-key"
DEV_AUDIT_KEY_PREFIX = "insecure-dev-audit-key"
SECRETS = "loket_secrets"

MAKE_TOKEN = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
MAKE_FERNET = (
    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)


@register(Tags.security, SECRETS, deploy=True)
def secret_key_is_not_the_dev_default(app_configs, **kwargs):
    # The built-in check only looks at length and variety, which the dev default passes.
    if str(settings.SECRET_KEY).startswith(DEV_KEY_PREFIX):
        return [
            Error(
                "SECRET_KEY is the development default committed in loket/settings.py.",
                hint=f"Set SECRET_KEY in the environment to the output of `{MAKE_TOKEN}`.",
                id="loket.E001",
            )
        ]
    return []


@register(Tags.security, SECRETS, deploy=True)
def personal_data_keys_are_set(app_configs, **kwargs):
    """NIK and phone numbers are encrypted under keys of their own (crypto_fields),
    never keys derived from SECRET_KEY."""
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
        Error(
            "The keys of encrypted personal data " + "; ".join(problems) + ".",
            hint=(
                f"Set FIELD_ENCRYPTION_KEYS to the output of `{MAKE_FERNET}` and "
                f"FIELD_HASH_KEY to the output of `{MAKE_TOKEN}`; keep both out of the "
                "database backups (docs/privacy.md)."
            ),
            id="loket.E002",
        )
    ]


@register(Tags.security, SECRETS, deploy=True)
def audit_key_is_set(app_configs, **kwargs):
    """The audit chain's HMAC key (loket/audit/chain.py) is the operator's own."""
    key = str(getattr(settings, "AUDIT_KEY", "") or "")
    if key.startswith(DEV_AUDIT_KEY_PREFIX) or len(key) < 32:
        return [
            Error(
                "AUDIT_KEY is the development default (or shorter than 32 characters).",
                hint=(
                    f"Set AUDIT_KEY to the output of `{MAKE_TOKEN}`, keep it outside the "
                    "database, then run `manage.py rekey_audit` once (docs/deploy.md)."
                ),
                id="loket.E003",
            )
        ]
    return []


def development_secrets():
    """The errors of the SECRETS checks (empty when every secret is the operator's)."""
    from django.core.checks import run_checks

    return [m for m in run_checks(tags=[SECRETS], include_deployment_checks=True) if m.is_serious()]
