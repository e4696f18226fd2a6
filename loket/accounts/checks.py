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
